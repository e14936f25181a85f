export interface RetryPolicy {
  /** Delay before the second attempt; each later one waits twice as long as the one before. */
  baseSeconds: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The longest wait between two attempts. */
  maxDelaySeconds?: number;
}

const DEFAULT_MAX_DELAY_SECONDS = 6 * 3600;

/** Seconds to wait after failed attempt `attempt` (1 for the first), or null when it was the last. */
export function retryDelaySeconds(attempt: number, policy: RetryPolicy): number | null {
  if (attempt >= policy.maxAttempts) return null;
  return Math.min(policy.baseSeconds * 2 ** (attempt - 1), policy.maxDelaySeconds ?? DEFAULT_MAX_DELAY_SECONDS);
}
