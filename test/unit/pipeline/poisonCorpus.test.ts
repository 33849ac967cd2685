// Each file of test/fixtures/poison/ through processRecord: the reason it names, its bytes
// untouched in the DLQ record, and never a core bug.
import { describe, expect, it } from 'vitest';
import { DLQ_REASON_NAMES } from '../../../src/pipeline/dlqReasons.js';
import { processRecord } from '../../../src/pipeline/processRecord.js';
import { createDeps, inputRecord, loadPoisonCorpus, poisonWriters } from '../../helpers/pipelineDeps.js';
import { headerMap } from '../../helpers/headers.js';

const corpus = loadPoisonCorpus();
const deps = createDeps({}, poisonWriters(corpus));

describe('the poison corpus', () => {
  it('covers every DLQ reason', () => {
    expect([...new Set(corpus.map((f) => f.reason))].sort()).toEqual([...DLQ_REASON_NAMES].sort());
  });

  it.each(corpus.map((f) => [f.name ?? f.reason, f] as const))('%s: dead-lettered with its reason, bytes untouched', (_name, fixture) => {
    const value = Buffer.from(fixture.valueBase64, 'base64');
    const record = inputRecord(value);
    const outcome = processRecord(record, deps);
    expect(outcome.kind).toBe('deadLetter');
    if (outcome.kind !== 'deadLetter') return;
    expect(outcome.rejection.reason).toBe(fixture.reason);
    expect(outcome.rejection.message).toContain(fixture.messageIncludes);
    expect(outcome.coreBug).toBe(false);
    expect(outcome.record.topic).toBe('callbacks.dlq');
    expect(outcome.record.key).toEqual(record.key);
    expect(outcome.record.value?.equals(value)).toBe(true);
    expect(headerMap(outcome.record.headers).traceparent).toBe('00-abc-01');
    expect(headerMap(outcome.record.headers)['dlq.reason']).toBe(fixture.reason);
    expect(headerMap(outcome.record.headers)['dlq.schema.id']).toBe(fixture.schemaId === null ? undefined : String(fixture.schemaId));
  });
});
