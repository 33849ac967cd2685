// Is a failed schema-id lookup the registry saying "no such id" (→ UNKNOWN_SCHEMA, dead letter)
// or anything else (→ transient: wait and retry)? When in doubt: transient, because a wrong
// "not found" dead-letters valid records, while a wrong "transient" only delays.
//
// Checked against @kafkajs/confluent-schema-registry 3.9.0 / mappersmith 2.47 and Apicurio 3.0:
// - unknown id: 404 with body {"error_code":40403,"message":"No content with ID '9' was found."};
//   the kafkajs client keeps the status and the message but drops error_code.
// - wrong base URL (no /apis/ccompat/v7): 404 too, but a RESTEasy body with no error_code, which
//   the kafkajs client words "Error, status 404: [object Object]". Treating that as not-found
//   would dead-letter every record, so it is transient and loud.
// - connection refused / DNS / reset: mappersmith reports status 400 ("Error, status 400: connect
//   ECONNREFUSED ..."); fetch throws a TypeError "fetch failed" with no status; a timeout is
//   a TimeoutError/AbortError.

export type RegistryErrorClass = 'not_found' | 'transient';

interface ErrorFacts {
  name: string;
  status: number | undefined;
  errorCode: number | undefined;
  /** The kafkajs client's `url` ("get http://host/schemas/ids/5"), or our RegistryHttpError's path. */
  target: string;
  message: string;
}

export interface RegistryErrorRule {
  rule: string;
  matches(facts: ErrorFacts): boolean;
  kind: RegistryErrorClass;
  /** Unexpected: log at error level, once per state change. */
  loud: boolean;
}

const SCHEMA_BY_ID = /\/schemas\/ids\/\d+(\?|$)/;
// mappersmith's wording when the body had no `message`, i.e. not a registry's JSON error.
const NO_REGISTRY_MESSAGE = /Error, status \d{3}/;

export const REGISTRY_ERROR_RULES: readonly RegistryErrorRule[] = [
  { rule: '404 with error_code 40403 (schema not found)', kind: 'not_found', loud: false,
    matches: (f) => f.status === 404 && f.errorCode === 40403 },
  { rule: 'kafkajs client: 404 on /schemas/ids/{id} with the registry\'s message (the client drops error_code)', kind: 'not_found', loud: false,
    matches: (f) => f.name === 'ResponseError' && f.status === 404 && SCHEMA_BY_ID.test(f.target) && !NO_REGISTRY_MESSAGE.test(f.message) },
  { rule: 'no status: network error or timeout', kind: 'transient', loud: false, matches: (f) => f.status === undefined },
  { rule: 'kafkajs client: status 400 without a registry message (mappersmith\'s network error)', kind: 'transient', loud: false,
    matches: (f) => f.name === 'ResponseError' && f.status === 400 && NO_REGISTRY_MESSAGE.test(f.message) },
  { rule: '408 request timeout', kind: 'transient', loud: false, matches: (f) => f.status === 408 },
  { rule: '5xx server error', kind: 'transient', loud: false, matches: (f) => f.status !== undefined && f.status >= 500 },
  { rule: 'anything else (auth, wrong base URL, unexpected 4xx): not proof the id is unknown', kind: 'transient', loud: true, matches: () => true },
];

function factsOf(error: unknown): ErrorFacts {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  return {
    name: typeof e.name === 'string' ? e.name : '',
    status: typeof e.status === 'number' ? e.status : undefined,
    errorCode: typeof e.errorCode === 'number' ? e.errorCode : undefined,
    target: typeof e.url === 'string' ? e.url : typeof e.path === 'string' ? e.path : '',
    message: typeof e.message === 'string' ? e.message : String(error),
  };
}

/** The first matching rule; the last one matches everything. */
export function explainRegistryError(error: unknown): RegistryErrorRule {
  const facts = factsOf(error);
  return REGISTRY_ERROR_RULES.find((rule) => rule.matches(facts)) as RegistryErrorRule;
}

export function classifyRegistryError(error: unknown): RegistryErrorClass {
  return explainRegistryError(error).kind;
}
