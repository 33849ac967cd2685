// How long @platformatic/kafka waits before retrying a failed request.
import { findPlatformaticError } from './platformaticErrorChain.js';

const CONCURRENT_TRANSACTIONS = new Set(['CONCURRENT_TRANSACTIONS']);
/**
 * The library's default is a fixed 1 s between attempts. Back-to-back transactions are nearly
 * always answered CONCURRENT_TRANSACTIONS while the previous one completes, so every transaction
 * would wait a second: that error is retried after 20 ms, as the Java producer does.
 */
export function retryDelayMs(attempt: number, error: Error): number {
  if (findPlatformaticError(error, CONCURRENT_TRANSACTIONS)) return 20;
  return Math.min(10_000, 300 * 2 ** Math.max(0, attempt - 1));
}
