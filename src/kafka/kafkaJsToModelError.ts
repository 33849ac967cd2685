// KafkaJS errors → the project's error model (src/errors.ts), at the adapter's edge: whatever the
// adapter's objects throw is either a model error (an outage, fencing, a rebalance) or passed on
// untouched, which the model treats as "not known to be an outage" (a bug to surface).
import { BrokerUnavailableError, FatalError, ProducerFencedError, RetriableError } from '../errors.js';
import { findKafkaJsErrorOfType } from './kafkaJsErrorChain.js';
import { isKafkaJsTransientError } from './isKafkaJsTransientError.js';

const FENCED_TYPES = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED']);

/** Fenced by a newer producer with our transactional id, also when KafkaJS's retrier wrapped it. */
export const isKafkaJsFenced = (error: unknown): boolean => findKafkaJsErrorOfType(error, FENCED_TYPES) !== undefined;

export function kafkaJsToModelError(error: unknown): unknown {
  if (error instanceof RetriableError || error instanceof FatalError) return error;
  if (isKafkaJsFenced(error)) return new ProducerFencedError(error);
  if (isKafkaJsTransientError(error)) return new BrokerUnavailableError(error);
  return error;
}
