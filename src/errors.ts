// The project's one error model. Every retry decision (worker, tools, start-up) asks isRetriable,
// and only errors that say so are waited out. Client adapters (src/kafka, src/registry) translate
// what their libraries throw into these classes; anything else is, by definition, not known to be
// an outage: the worker surfaces it (log, metric, /readyz) instead of retrying it silently.
//
//   RetriableError          an outage: broker or coordinator unreachable, a timeout, a leader
//     BrokerUnavailableError  moving, the registry not answering. Wait and retry, never dead-letter.
//     (RegistryUnavailableError, SchemaNotPrefetchedError in src/registry/registryErrors.ts)
//     GroupRebalanceError     the group is rebalancing: the consumer rejoins, the new owner repeats.
//   FatalError              no retry can cure it: the process (or tool run) must stop.
//     ProducerFencedError     another producer took our transactional id.

/** An outage: worth waiting out. */
export class RetriableError extends Error {
  readonly retriable = true as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The Kafka cluster could not be reached or answered "not now" (timeouts, leader or coordinator moves). */
export class BrokerUnavailableError extends RetriableError {
  constructor(cause: unknown) {
    super(`Kafka brokers unavailable: ${describeError(cause)}`, { cause });
  }
}

/** No retry can cure it: stop. */
export class FatalError extends Error {
  readonly retriable = false as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Another producer with our transactional id took over: this one must stop, not fight back. */
export class ProducerFencedError extends FatalError {
  constructor(cause: unknown) {
    super(`producer fenced: another instance uses the same transactional id (${describeError(cause)})`, { cause });
  }
}

/**
 * The group is rebalancing (or this member's generation is stale): a commit cannot succeed now.
 * Not an outage and not a bug: a batch handler rethrows it, the consumer rejoins the group, and the
 * partition's new owner repeats the uncommitted batch. A tool that is not a member simply retries.
 */
export class GroupRebalanceError extends RetriableError {
  constructor(cause: unknown) {
    super(`consumer group is rebalancing: ${describeError(cause)}`, { cause });
  }
}

/**
 * True only for errors of this model that mark an outage (or a rebalance). A foreign error (a
 * TypeError, a library's own class, even one with its own `retriable` flag) is not: its adapter
 * translates it first, so a bug is never mistaken for an outage.
 */
export function isRetriable(error: unknown): boolean {
  return error instanceof RetriableError;
}

/** True for errors no retry can cure. */
export function isFatal(error: unknown): error is FatalError {
  return error instanceof FatalError;
}

/**
 * One line for any thrown value: an Error's message (with a system error code such as ECONNREFUSED
 * from its cause when the message lacks it: fetch says only "fetch failed"), a string as is,
 * anything else as JSON.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string')) {
    const { name, message, cause } = error as { name?: unknown; message: string; cause?: unknown };
    const text = message !== '' ? message : typeof name === 'string' ? name : 'Error';
    const code = (cause as { code?: unknown } | null | undefined)?.code;
    return typeof code === 'string' && !text.includes(code) ? `${text}: ${code}` : text;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
