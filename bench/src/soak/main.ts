import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoPid } from '@issuer/platform';
import { HttpClient } from '../http-client.js';
import { LoopbackGuard } from '../loopback-guard.js';
import { auditSoak, type SoakAudit } from './soak-audit.js';
import { SoakCluster } from './soak-cluster.js';
import { faultSequence, injectFault, type InjectedFault } from './soak-faults.js';
import { runSoakFlow, type SoakFlowOutcome } from './soak-flow.js';
import { sleep } from './supervised-process.js';

/**
 * `npm run soak`: complete issuances, immediate and deferred, against the distributed platform
 * while each service is killed with SIGKILL and restarted, then NATS, then PostgreSQL; afterwards
 * what the platform stored is audited against what the wallets saw. Exits 1 when anything was lost.
 */
const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    'deferred-share': { type: 'string', default: '0.2' },
    'fault-interval': { type: 'string', default: '5' },
    rounds: { type: 'string', default: '1' },
  },
});
const flows = Number(values.flows);
const concurrency = Number(values.concurrency);
const deferredShare = Number(values['deferred-share']);
const faultIntervalMs = Number(values['fault-interval']) * 1000;
const rounds = Number(values.rounds);
const PID = { configurationId: 'eu.europa.ec.eudi.pid_vc_sd_jwt', claims: demoPid };

process.stdout.write(`soak: ${flows} flows or more (${Math.round(deferredShare * 100)} % deferred), ${concurrency} wallets at once, a fault every ${faultIntervalMs / 1000} s, ${rounds} round(s) of ${faultSequence.join(', ')}\n`);
const started = Date.now();
const cluster = await SoakCluster.start(1);
const http = new HttpClient(new LoopbackGuard(), concurrency, 30_000);
const outcomes: SoakFlowOutcome[] = [];
const faults: InjectedFault[] = [];
let faultError: unknown;
let audit: SoakAudit | undefined;
let stopped: Awaited<ReturnType<SoakCluster['stop']>> = [];
let serverErrors: Record<string, string[]> = {};
let refusalReasons: Record<string, string[]> = {};

/** What the timeline told the wallet developer about each refusal: the reasons of its error entries. */
async function reasonsOnTimelines(refused: SoakFlowOutcome[]): Promise<Record<string, string[]>> {
  const reasons: Record<string, string[]> = {};
  for (const outcome of refused) {
    const response = await fetch(`${cluster.baseUrl}/admin/v1/sessions/${outcome.sessionId}`, { headers: { authorization: `Bearer ${cluster.adminApiKey}` } });
    const timeline = (await response.json()) as { entries?: Array<{ level: string; endpoint: string | null; message: string }> };
    reasons[outcome.sessionId ?? '?'] = (timeline.entries ?? []).filter((entry) => entry.level === 'error').map((entry) => `${entry.endpoint}: ${entry.message}`);
  }
  return reasons;
}

try {
  let faultsDone = false;
  const injecting = (async () => {
    for (let round = 0; round < rounds; round++) {
      for (const fault of faultSequence) {
        await sleep(faultIntervalMs);
        faults.push(await injectFault(cluster, fault));
        process.stdout.write(`  ${fault}: recovered after ${faults.at(-1)!.recoveredAfterMs} ms; ${outcomes.length} flows done\n`);
      }
    }
  })().catch((error: unknown) => (faultError = error)).finally(() => (faultsDone = true));

  // Flows start until both the target is reached and every fault was injected under load.
  let begun = 0;
  const wallet = async () => {
    while (begun < flows || !faultsDone) {
      const kind = (begun++ * deferredShare) % 1 < deferredShare ? 'deferred' : 'immediate';
      outcomes.push(await runSoakFlow(http, { baseUrl: cluster.baseUrl, adminApiKey: cluster.adminApiKey, ...PID }, kind));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, wallet));
  await injecting;
  audit = await auditSoak(cluster.databaseUrl, outcomes);
  refusalReasons = await reasonsOnTimelines(outcomes.filter((outcome) => outcome.result === 'refused').slice(0, 10));
} finally {
  http.close();
  serverErrors = cluster.errorLines();
  stopped = await cluster.stop();
}

const count = (result: SoakFlowOutcome['result'], kind?: SoakFlowOutcome['kind']) => outcomes.filter((outcome) => outcome.result === result && (!kind || outcome.kind === kind)).length;
const tally = (key: (outcome: SoakFlowOutcome) => string | undefined) => {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const name = key(outcome);
    if (name) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
};
const retried: Record<string, number> = {};
for (const outcome of outcomes) for (const [key, value] of Object.entries(outcome.retried)) retried[key] = (retried[key] ?? 0) + value;
const report = {
  seconds: Math.round((Date.now() - started) / 1000),
  flows: outcomes.length,
  completed: { immediate: count('completed', 'immediate'), deferred: count('completed', 'deferred') },
  refused: tally((outcome) => (outcome.result === 'refused' ? outcome.detail : undefined)),
  stuck: tally((outcome) => (outcome.result === 'stuck' ? outcome.detail : undefined)),
  retriedAnswers: retried,
  faults,
  faultError: faultError === undefined ? null : String(faultError),
  audit,
  serverErrors,
  refusalReasons,
  shutdown: stopped,
};
const resultsDir = join(process.cwd(), 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

const lost = [
  faultError !== undefined && `a fault could not be injected or recovered: ${String(faultError)}`,
  count('stuck') > 0 && `${count('stuck')} flows stuck`,
  count('completed') === 0 && 'no flow completed',
  outcomes.some((outcome) => outcome.result === 'refused' && !outcome.refusedAfterLostAnswer) &&
    `refusals with no lost answer before them: ${JSON.stringify(tally((outcome) => (outcome.result === 'refused' && !outcome.refusedAfterLostAnswer ? outcome.detail : undefined)))}`,
  !audit && 'no audit',
  audit && audit.proofsIssuedTwice > 0 && `${audit.proofsIssuedTwice} key proofs with two credentials`,
  audit && audit.sessionsWithLostEvents.length > 0 && `${audit.sessionsWithLostEvents.length} sessions whose credential_issued events differ from the credentials recorded`,
  audit && Object.values(audit.unpublishedOutbox).some((n) => n > 0) && `outbox rows never published: ${JSON.stringify(audit.unpublishedOutbox)}`,
  audit && audit.sessionsWithoutRequestEntries.length > 0 && `${audit.sessionsWithoutRequestEntries.length} completed sessions without a single request entry on their timeline`,
  audit && audit.statusNotUpdated.length > 0 && `${audit.statusNotUpdated.length} completed issuances whose record does not show the credential`,
  stopped.some((process) => process.code !== 0) && `not every process stopped cleanly on SIGTERM: ${JSON.stringify(stopped)}`,
].filter((problem): problem is string => typeof problem === 'string');

process.stdout.write(
  [
    `flows ${report.flows}: completed ${report.completed.immediate} immediate + ${report.completed.deferred} deferred, refused ${count('refused')}, stuck ${count('stuck')}`,
    `faults injected: ${faults.map((fault) => `${fault.fault} (${fault.recoveredAfterMs} ms)`).join(', ')}`,
    `answers retried by wallets: ${JSON.stringify(retried)}`,
    audit ? `credentials recorded ${audit.credentialsRecorded}; key proofs with two credentials ${audit.proofsIssuedTwice}; sessions with lost events ${audit.sessionsWithLostEvents.length}; completed issuances not shown as issued ${audit.statusNotUpdated.length}; completed sessions without request entries ${audit.sessionsWithoutRequestEntries.length}` : '',
    `report: ${file}`,
    lost.length === 0 ? 'nothing lost' : `LOST:\n  ${lost.join('\n  ')}`,
    '',
  ].join('\n'),
);
process.exit(lost.length === 0 ? 0 : 1);
