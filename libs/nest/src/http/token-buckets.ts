import type { Clock } from '../infrastructure/tokens.js';

export interface TokenBucketSettings {
  /** Tokens added a minute: the sustained rate. */
  perMinute: number;
  /** Tokens a full bucket holds: the requests allowed at once after a pause. */
  burst: number;
  /** Buckets kept at most; beyond it the least recently used is dropped, as if it had refilled. */
  maxKeys: number;
}

export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  /** When `tokens` was counted, in epoch seconds. */
  at: number;
}

const SWEEP_INTERVAL_SECONDS = 60;

/** One token bucket per key, in memory: idle buckets are swept, and there are never more than `maxKeys`. */
export class TokenBuckets {
  // A Map iterates in insertion order; a bucket is reinserted on each use, so the first is the least recently used.
  private readonly buckets = new Map<string, Bucket>();
  private readonly perSecond: number;
  private lastSweep: number;

  constructor(
    private readonly settings: TokenBucketSettings,
    private readonly clock: Clock,
  ) {
    this.perSecond = settings.perMinute / 60;
    this.lastSweep = clock();
  }

  get size(): number {
    return this.buckets.size;
  }

  take(key: string): Take {
    const now = this.clock();
    if (now - this.lastSweep >= SWEEP_INTERVAL_SECONDS) this.sweep(now);
    const bucket = this.buckets.get(key);
    const tokens = bucket ? this.tokensAt(bucket, now) : this.settings.burst;
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perSecond)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.settings.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return { allowed: true };
  }

  /** Drops the buckets that have refilled: a full bucket is the same as none. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (this.tokensAt(bucket, now) >= this.settings.burst) this.buckets.delete(key);
    }
  }

  private tokensAt(bucket: Bucket, now: number): number {
    return Math.min(this.settings.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.perSecond);
  }
}
