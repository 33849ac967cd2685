// Which KafkaJS errors are an outage to wait out. The wrapped chain is read (an exhausted retry
// is itself marked non-retriable): a connection refused three layers down is still one.
import { kafkaJsErrorChain } from './kafkaJsErrorChain.js';

const TRANSIENT_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
  // Thrown (non-retriable) when no broker answered the FindCoordinator request: every broker
  // unreachable, e.g. the only one restarting while a transaction adds its partitions.
  'KafkaJSGroupCoordinatorNotFound',
]);

const FATAL_NAMES = new Set(['KafkaJSSASLAuthenticationError', 'KafkaJSNotImplemented', 'KafkaJSInvalidVarIntError']);

export function isKafkaJsTransientError(error: unknown): boolean {
  for (const { name, retriable, type } of kafkaJsErrorChain(error)) {
    if (typeof name === 'string' && FATAL_NAMES.has(name)) return false;
    if (typeof type === 'string' && type.endsWith('_AUTHORIZATION_FAILED')) return false;
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
    if (retriable === true) return true;
  }
  return false;
}
