// Which KafkaJS errors are an outage to wait out. KafkaJS wraps the cause of an exhausted retry
// (KafkaJSNumberOfRetriesExceeded, itself marked non-retriable) in `originalError`, so the
// chain is walked: a connection refused three layers down is still a connection refused.
const TRANSIENT_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
]);

const FATAL_NAMES = new Set(['KafkaJSSASLAuthenticationError', 'KafkaJSNotImplemented', 'KafkaJSInvalidVarIntError']);

export function isKafkaJsTransientError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const { name, retriable, type } = current as { name?: unknown; retriable?: unknown; type?: unknown };
    if (typeof name === 'string' && FATAL_NAMES.has(name)) return false;
    if (typeof type === 'string' && type.endsWith('_AUTHORIZATION_FAILED')) return false;
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
    if (retriable === true) return true;
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return false;
}
