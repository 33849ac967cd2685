// The classification table, row by row. The kafkajs-client errors are shaped exactly as
// @kafkajs/confluent-schema-registry 3.9.0 threw them against Apicurio 3.0 (recorded by hand;
// the integration tests exercise the live answers through our own client).
import { describe, expect, it } from 'vitest';
import { classifyRegistryError, explainRegistryError, REGISTRY_ERROR_RULES } from '../../../src/registry/classifyRegistryError.js';
import { RegistryHttpError } from '../../../src/registry/registryErrors.js';

function kafkajsError(status: number, url: string, message: string): Error {
  return Object.assign(new Error(`Confluent_Schema_Registry - ${message}`), { name: 'ResponseError', status, url, unauthorized: status === 401 });
}

const CASES: Array<[string, unknown, 'not_found' | 'transient', boolean]> = [
  ['our client: 404 with error_code 40403', new RegistryHttpError('GET', '/schemas/ids/9', 404, 40403, "No content with ID '9' was found."), 'not_found', false],
  ['our client: 404 without error_code (base URL without /apis/ccompat/v7)', new RegistryHttpError('GET', '/schemas/ids/9', 404, undefined, undefined), 'transient', true],
  ['our client: 404 with another code (40401 subject not found)', new RegistryHttpError('GET', '/schemas/ids/9', 404, 40401, 'x'), 'transient', true],
  ['kafkajs client: 404 on /schemas/ids/{id} with the registry message', kafkajsError(404, 'get http://r/apis/ccompat/v7/schemas/ids/9', "No content with ID '9' was found."), 'not_found', false],
  ['kafkajs client: 404 without a registry message (wrong base URL)', kafkajsError(404, 'get http://r/schemas/ids/9', 'Error, status 404: [object Object]'), 'transient', true],
  ['kafkajs client: 404 on another path', kafkajsError(404, 'get http://r/subjects/s/versions/latest', 'No artifact'), 'transient', true],
  ['kafkajs client: connection refused reported as 400', kafkajsError(400, 'get http://127.0.0.1:1/schemas/ids/1', 'Error, status 400: connect ECONNREFUSED 127.0.0.1:1'), 'transient', false],
  ['kafkajs client: a real 400 from the registry', kafkajsError(400, 'get http://r/schemas/ids/1', 'Invalid request'), 'transient', true],
  ['fetch: network failure (no status)', new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }), 'transient', false],
  ['fetch: timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'transient', false],
  ['408', new RegistryHttpError('GET', '/schemas/ids/1', 408, undefined, undefined), 'transient', false],
  ['500', new RegistryHttpError('GET', '/schemas/ids/1', 500, 50001, 'store error'), 'transient', false],
  ['503 from the kafkajs client', kafkajsError(503, 'get http://r/schemas/ids/1', 'Error, status 503: unavailable'), 'transient', false],
  ['401 unauthorised', new RegistryHttpError('GET', '/schemas/ids/1', 401, undefined, undefined), 'transient', true],
  ['403 forbidden', new RegistryHttpError('GET', '/schemas/ids/1', 403, 40301, 'forbidden'), 'transient', true],
  ['not an error at all', 'boom', 'transient', false],
];

describe('classifyRegistryError', () => {
  it.each(CASES)('%s → %s', (_, error, kind, loud) => {
    expect(classifyRegistryError(error)).toBe(kind);
    expect(explainRegistryError(error).loud).toBe(loud);
  });

  it('ends with a catch-all rule that is transient and loud', () => {
    const last = REGISTRY_ERROR_RULES[REGISTRY_ERROR_RULES.length - 1];
    expect(last).toMatchObject({ kind: 'transient', loud: true });
  });

  it('gives not_found only on evidence about a schema id', () => {
    const notFoundRules = REGISTRY_ERROR_RULES.filter((rule) => rule.kind === 'not_found');
    expect(notFoundRules).toHaveLength(2);
  });
});
