import { FlowError, flowSteps, type FlowResult, type FlowStep } from './wallet-flow.js';

export interface LoadPlan {
  concurrency: number;
  /** Flows to start; with `deadline`, whichever comes first. */
  flows?: number;
  /** performance.now() after which no flow starts; flows under way finish. */
  deadline?: number;
  signal?: AbortSignal;
  runFlow(index: number): Promise<FlowResult>;
}

export interface LoadOutcome {
  attempted: number;
  completed: number;
  failed: number;
  wallMs: number;
  /** Whole-flow and per-step latencies of completed flows, in milliseconds. */
  flowMs: number[];
  stepMs: Record<FlowStep, number[]>;
  errors: Record<string, number>;
  /** The first few failure messages, to say what an error code meant. */
  errorSamples: string[];
  dpopNonceRetries: number;
}

const keptErrorSamples = 5;

/** `concurrency` wallets, each starting its next flow as soon as the last one ends (a closed loop). */
export async function runLoad(plan: LoadPlan): Promise<LoadOutcome> {
  const outcome: LoadOutcome = {
    attempted: 0,
    completed: 0,
    failed: 0,
    wallMs: 0,
    flowMs: [],
    stepMs: Object.fromEntries(flowSteps.map((step) => [step, []])) as unknown as Record<FlowStep, number[]>,
    errors: {},
    errorSamples: [],
    dpopNonceRetries: 0,
  };
  const mayStart = () =>
    !plan.signal?.aborted && (plan.flows === undefined || outcome.attempted < plan.flows) && (plan.deadline === undefined || performance.now() < plan.deadline);

  const wallet = async () => {
    while (mayStart()) {
      const index = outcome.attempted++;
      try {
        const result = await plan.runFlow(index);
        outcome.completed++;
        outcome.dpopNonceRetries += result.nonceRetries;
        outcome.flowMs.push(result.totalMs);
        for (const [step, ms] of Object.entries(result.steps) as Array<[FlowStep, number]>) outcome.stepMs[step].push(ms);
      } catch (error) {
        outcome.failed++;
        const code = error instanceof FlowError ? error.code : `unexpected ${(error as Error).name}`;
        outcome.errors[code] = (outcome.errors[code] ?? 0) + 1;
        if (outcome.errorSamples.length < keptErrorSamples) outcome.errorSamples.push((error as Error).message);
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: plan.concurrency }, wallet));
  outcome.wallMs = performance.now() - started;
  return outcome;
}
