// KafkaJS wraps the error that ended a retry: an exhausted retry keeps it in `originalError`
// (KafkaJSNumberOfRetriesExceeded), bail() in `cause` (KafkaJSNonRetriableError). What an error
// means (outage, rebalance, fenced) is decided on the whole chain, a few layers deep.
const MAX_DEPTH = 5;

export interface KafkaJsErrorLink {
  name?: unknown;
  /** The Kafka protocol error code's name, e.g. REBALANCE_IN_PROGRESS. */
  type?: unknown;
  retriable?: unknown;
}

/** The error, then each error wrapped inside it, outermost first. */
export function* kafkaJsErrorChain(error: unknown): Generator<KafkaJsErrorLink> {
  let current = error;
  for (let depth = 0; depth < MAX_DEPTH && current !== null && typeof current === 'object'; depth += 1) {
    yield current as KafkaJsErrorLink;
    const { originalError, cause } = current as { originalError?: unknown; cause?: unknown };
    current = originalError ?? cause;
  }
}

/** The first error in the chain whose protocol error type is one of `types`. */
export function findKafkaJsErrorOfType(error: unknown, types: ReadonlySet<string>): Error | undefined {
  for (const link of kafkaJsErrorChain(error)) {
    if (typeof link.type === 'string' && types.has(link.type)) return link as Error;
  }
  return undefined;
}
