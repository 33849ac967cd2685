// Start-up steps wait out an outage (broker or registry not up yet) instead of failing: retried
// with backoff, logged once when it starts and once when it ends. Anything else (not retriable in
// the error model: a missing topic, an authentication failure, a bug) is thrown.
import type { Logger } from 'pino';
import { isRetriable } from '../errors.js';
import { createOutageTracker } from './createOutageTracker.js';

export class StoppedDuringStartError extends Error {
  constructor(what: string) {
    super(`stopped while waiting for ${what}`);
    this.name = 'StoppedDuringStartError';
  }
}

export interface WaitOutOptions {
  what: string;
  logger: Logger;
  isStopping(): boolean;
}

export async function waitOutOutage<T>(step: () => Promise<T>, options: WaitOutOptions): Promise<T> {
  const tracker = createOutageTracker(options.logger, options.what);
  for (;;) {
    if (options.isStopping()) throw new StoppedDuringStartError(options.what);
    try {
      const result = await step();
      tracker.succeeded();
      return result;
    } catch (error) {
      if (!isRetriable(error)) throw error;
      const delay = tracker.failed(error);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
