import { describe, expect, it } from 'vitest';
import { readAnswer, REGISTERED_ID, SCHEMA_BY_ID, SUBJECT_VERSION, VERSION_LIST } from '../../../src/registry/registryAnswers.js';
import { RegistryUnavailableError } from '../../../src/registry/registryErrors.js';

describe('readAnswer', () => {
  it('returns answers of the documented shapes', () => {
    expect(readAnswer(REGISTERED_ID, { id: 7 }, 'POST /subjects/s/versions')).toEqual({ id: 7 });
    expect(readAnswer(SCHEMA_BY_ID, { schema: '"string"' }, 'GET /schemas/ids/7')).toEqual({ schema: '"string"' });
    expect(readAnswer(SUBJECT_VERSION, { id: 7, version: 2, schema: '"string"', subject: 's' }, 'GET')).toEqual({ id: 7, version: 2, schema: '"string"' });
    expect(readAnswer(VERSION_LIST, [1, 2], 'GET')).toEqual([1, 2]);
  });

  it('turns any other answer into a retriable error naming the request and the field, not a cast', () => {
    const attempt = () => readAnswer(REGISTERED_ID, { id: '7' }, 'POST /subjects/s/versions');
    expect(attempt).toThrow(RegistryUnavailableError);
    expect(attempt).toThrow(/unexpected answer to POST \/subjects\/s\/versions: .* at id/);
    expect(() => readAnswer(SCHEMA_BY_ID, '<html>', 'GET /schemas/ids/1')).toThrow(expect.objectContaining({ retriable: true }));
    expect(() => readAnswer(VERSION_LIST, [1, 'latest'], 'GET')).toThrow(/at 1/);
  });
});
