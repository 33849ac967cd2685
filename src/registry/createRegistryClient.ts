// The worker's view of the schema registry. Writer schemas are fetched once per id (concurrent
// misses share one request, as the kafkajs client's getSchemaOriginRequest does) and kept as
// parsed avsc Types (Connect's decoder-per-id cache), so the per-record path is a Map lookup.
import avro from 'avsc';
import type { BasicAuth } from '../config/config.js';
import { explainRegistryError } from './classifyRegistryError.js';
import { fetchCompatLevel, type CompatLevelAnswer } from './compat/fetchCompatLevel.js';
import { readAnswer, REGISTERED_ID, SCHEMA_BY_ID, SUBJECT_VERSION, VERSION_LIST } from './registryAnswers.js';
import { RegistryHttpError, RegistryUnavailableError, SchemaNotPrefetchedError } from './registryErrors.js';
import { requestRegistry, type RegistryEndpoint } from './requestRegistry.js';
import { redactUrl } from './redactUrl.js';
import { describeError } from '../errors.js';

export const COMPATIBILITY_LEVELS = [
  'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE',
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export interface RegisteredSchema {
  id: number;
  version: number;
  /** The schema text as the registry stores it. */
  schema: string;
}

/** The part of a pino logger the client uses. */
export interface RegistryLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RegistryClientOptions {
  /** Base URL without credentials; pass them as `auth`. */
  url: string;
  auth?: BasicAuth;
  /** Per HTTP request. Default 10 s; the worker derives it from the session timeout (livenessTimings). */
  timeoutMs?: number;
  /** How long a not-found answer is trusted before the id is asked again. Default 60 s. */
  notFoundTtlMs?: number;
  logger?: RegistryLogger;
  clock?: () => number;
}

export interface RegistryClient {
  /** Fetches every id not cached yet; throws RegistryUnavailableError (retriable) on an outage. */
  prefetchWriterTypes(ids: Iterable<number>): Promise<void>;
  /** The writer Type of a prefetched id; undefined = not found. Throws SchemaNotPrefetchedError (retriable) otherwise. */
  writerTypeFor(id: number): avro.Type | undefined;
  /** Registers (or finds) a schema under a subject; the same schema again gives the same id. */
  registerSchema(subject: string, schema: object | string, compatibility?: CompatibilityLevel): Promise<number>;
  /** undefined when the subject does not exist. */
  latestSchema(subject: string): Promise<RegisteredSchema | undefined>;
  /** Oldest first; [] when the subject does not exist. */
  allVersions(subject: string): Promise<RegisteredSchema[]>;
  /** The level the registry holds the subject to, and where that level is set. */
  compatLevel(subject: string): Promise<CompatLevelAnswer>;
  isReachable(): Promise<boolean>;
}

type CacheEntry = { found: true; type: avro.Type } | { found: false; until: number };

const SUBJECT_NOT_FOUND = 40401;

/** undefined for a schema that is not Avro; throws when the text is not a usable Avro schema. */
function parseWriterType({ schema, schemaType }: { schema: string; schemaType?: string | undefined }): avro.Type | undefined {
  if (schemaType !== undefined && schemaType !== 'AVRO') return undefined;
  return avro.Type.forSchema(JSON.parse(schema) as avro.Schema);
}

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  if (/\/\/[^/]*@/.test(options.url)) throw new TypeError(`registry URL ${redactUrl(options.url)} has credentials: pass them as auth`);
  const endpoint: RegistryEndpoint = { url: options.url.replace(/\/+$/, ''), timeoutMs: options.timeoutMs ?? 10_000, ...(options.auth ? { auth: options.auth } : {}) };
  const notFoundTtlMs = options.notFoundTtlMs ?? 60_000;
  const clock = options.clock ?? Date.now;
  const cache = new Map<number, CacheEntry>();
  const inFlight = new Map<number, Promise<void>>();

  // Outages are thrown as one error type, whatever the cause, so callers retry them.
  const unavailable = (what: string, error: unknown) =>
    new RegistryUnavailableError(`schema registry unavailable (${what}): ${describeError(error)}`, { cause: error });

  async function fetchWriterType(id: number): Promise<void> {
    let answer: unknown;
    try {
      answer = await requestRegistry(endpoint, 'GET', `/schemas/ids/${id}`);
    } catch (error) {
      const rule = explainRegistryError(error);
      if (rule.kind === 'not_found') {
        cache.set(id, { found: false, until: clock() + notFoundTtlMs });
        return;
      }
      if (rule.loud) options.logger?.error({ schemaId: id, rule: rule.rule, err: describeError(error) }, 'unexpected registry answer; treated as an outage');
      throw unavailable(`GET /schemas/ids/${id}`, error);
    }
    // An answer that is not a schema at all (a proxy's page, another API) is no proof that the id
    // is unknown: it throws, retriable, like an outage. A schema that is not usable Avro is final.
    const found = readAnswer(SCHEMA_BY_ID, answer, `GET /schemas/ids/${id}`);
    let type: avro.Type | undefined;
    try {
      type = parseWriterType(found);
    } catch (error) {
      options.logger?.error({ schemaId: id, err: describeError(error) }, 'registry schema is not a usable Avro schema');
    }
    cache.set(id, type ? { found: true, type } : { found: false, until: Number.POSITIVE_INFINITY });
  }

  function fetchOnce(id: number): Promise<void> {
    let request = inFlight.get(id);
    if (!request) {
      request = fetchWriterType(id).finally(() => inFlight.delete(id));
      inFlight.set(id, request);
    }
    return request;
  }

  function isCached(id: number): boolean {
    const entry = cache.get(id);
    return entry !== undefined && (entry.found || entry.until > clock());
  }

  async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    try {
      return await requestRegistry(endpoint, method, path, body);
    } catch (error) {
      // A definite answer (409 incompatible, 422 invalid, 404 no subject, 401) is the caller's
      // to handle; no answer, a timeout or a 5xx is an outage.
      if (error instanceof RegistryHttpError && error.status < 500 && error.status !== 408) throw error;
      throw unavailable(`${method} ${path}`, error);
    }
  }

  /** undefined when the registry says the subject does not exist. */
  async function unlessNoSubject<T>(request: Promise<T>): Promise<T | undefined> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof RegistryHttpError && error.errorCode === SUBJECT_NOT_FOUND) return undefined;
      throw error;
    }
  }

  async function schemaVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    const path = `/subjects/${encodeURIComponent(subject)}/versions/${version}`;
    const answer = readAnswer(SUBJECT_VERSION, await call('GET', path), `GET ${path}`);
    return { id: answer.id, version: answer.version, schema: answer.schema };
  }

  return {
    async prefetchWriterTypes(ids) {
      const misses = [...new Set(ids)].filter((id) => !isCached(id));
      const results = await Promise.allSettled(misses.map(fetchOnce));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
    writerTypeFor(id) {
      const entry = cache.get(id);
      if (entry === undefined) throw new SchemaNotPrefetchedError(id);
      return entry.found ? entry.type : undefined;
    },
    async registerSchema(subject, schema, compatibility) {
      const path = `/subjects/${encodeURIComponent(subject)}`;
      // Apicurio answers NONE for a subject without a rule (Confluent: 404 → global level), so
      // a level the caller cares about is set explicitly before registering.
      if (compatibility) await call('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility });
      const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
      return readAnswer(REGISTERED_ID, await call('POST', `${path}/versions`, { schema: text }), `POST ${path}/versions`).id;
    },
    latestSchema(subject) {
      return unlessNoSubject(schemaVersion(subject, 'latest'));
    },
    async allVersions(subject) {
      const path = `/subjects/${encodeURIComponent(subject)}/versions`;
      const answer = await unlessNoSubject(call('GET', path));
      const versions = answer === undefined ? [] : readAnswer(VERSION_LIST, answer, `GET ${path}`);
      return Promise.all(versions.sort((a, b) => a - b).map((v) => schemaVersion(subject, v)));
    },
    compatLevel(subject) {
      return fetchCompatLevel(endpoint, subject);
    },
    async isReachable() {
      try {
        await requestRegistry({ ...endpoint, timeoutMs: Math.min(endpoint.timeoutMs, 3000) }, 'GET', '/subjects');
        return true;
      } catch {
        return false;
      }
    },
  };
}
