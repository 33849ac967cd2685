// A steady `--rate`: after n records, the next send waits until n / rate seconds have passed
// since the start. Catching up after a slow send is allowed (the average stays at the rate),
// bursts beyond it are not. The clock and the sleep come in, so tests need no real time.

export interface Pacer {
  /** Resolves when `count` more records may be sent. */
  acquire(count: number): Promise<void>;
}

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** No limit: every acquire resolves at once. */
export const UNPACED: Pacer = { acquire: async () => undefined };

export function createPacer(ratePerSecond: number, clock: PacerClock = REAL_CLOCK): Pacer {
  if (!(ratePerSecond > 0)) throw new RangeError(`rate must be above 0, got ${ratePerSecond}`);
  let startedAt: number | undefined;
  let granted = 0;
  return {
    async acquire(count) {
      startedAt ??= clock.now();
      // The first records go at once; record k (0-based) is due k / rate seconds after the start.
      const dueAt = startedAt + (granted * 1000) / ratePerSecond;
      granted += count;
      const wait = dueAt - clock.now();
      if (wait > 0) await clock.sleep(wait);
    },
  };
}

/** Records per send under a rate: about 20 sends a second keeps the flow smooth. */
export function chunkSizeForRate(ratePerSecond: number, maxChunk: number): number {
  return Math.max(1, Math.min(maxChunk, Math.floor(ratePerSecond / 20)));
}
