// One dependency's up/down state (the schema registry, the brokers): logs once per change of
// state, not once per record, and hands out the backoff for the next attempt.
import type { Logger } from 'pino';

export interface OutageTracker {
  /** Records a failed attempt; returns how long to wait before the next one. */
  failed(error: unknown): number;
  /** Records a successful attempt. */
  succeeded(): void;
  isDown(): boolean;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5_000 };

/** Exponential with ±20 % jitter, so partitions that failed together do not retry in lockstep. */
export function computeBackoff(attempt: number, { initialMs, maxMs }: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function createOutageTracker(
  logger: Logger,
  dependency: string,
  onChange?: (down: boolean) => void,
  backoff: BackoffOptions = DEFAULT_BACKOFF,
): OutageTracker {
  let failures = 0;
  let downSince: number | undefined;
  return {
    failed(error) {
      if (downSince === undefined) {
        downSince = Date.now();
        logger.warn({ dependency, err: error }, `${dependency} unavailable: pausing and retrying with backoff`);
        onChange?.(true);
      }
      return computeBackoff(failures++, backoff);
    },
    succeeded() {
      if (downSince !== undefined) {
        logger.info({ dependency, downForMs: Date.now() - downSince, attempts: failures }, `${dependency} available again: resuming`);
        downSince = undefined;
        onChange?.(false);
      }
      failures = 0;
    },
    isDown: () => downSince !== undefined,
  };
}
