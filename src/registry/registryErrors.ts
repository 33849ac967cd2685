// Errors of the registry shell. An outage is RegistryUnavailableError (retriable: the worker
// pauses and retries, never dead-letters). A definite answer the registry gave (409
// incompatible, 422 invalid, 401 unauthorised) is RegistryHttpError. Neither message carries
// credentials: requests are described by method and path only, never by the full URL.
// Both fit the project's error model (src/errors.ts): the outages are RetriableErrors.
import { RetriableError } from '../errors.js';

/** The registry answered with a non-2xx status. */
export class RegistryHttpError extends Error {
  override readonly name = 'RegistryHttpError';
  readonly retriable = false;

  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    /** Confluent's `error_code` from the body (40403 = schema id not found); undefined when absent. */
    readonly errorCode: number | undefined,
    registryMessage: string | undefined,
  ) {
    super(`${method} ${path} → ${status}${errorCode === undefined ? '' : ` (${errorCode})`}${registryMessage ? `: ${registryMessage}` : ''}`);
  }
}

/** The registry could not be asked or did not answer usefully: retry later. */
export class RegistryUnavailableError extends RetriableError {}

/**
 * writerTypeFor was asked for an id the shell did not prefetch. Retriable, so processRecord
 * rethrows it and the batch is retried after a prefetch instead of being dead-lettered.
 */
export class SchemaNotPrefetchedError extends RetriableError {
  constructor(readonly schemaId: number) {
    super(`schema id ${schemaId} was not prefetched (call prefetchWriterTypes for the batch first)`);
  }
}
