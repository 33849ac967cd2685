import { describe, expect, it } from 'vitest';
import type { EnrichedConversationCallback } from '../../../src/model/types.js';
import { parseRoutes, type RouteRule } from '../../../src/pipeline/parseRoutes.js';
import { selectRoutes } from '../../../src/pipeline/selectRoutes.js';

function enriched(fields: { outcome: string; state?: string; direction?: string }): EnrichedConversationCallback {
  return {
    callback: { ...(fields.state ? { state: fields.state } : {}), ...(fields.direction ? { direction: fields.direction } : {}) },
    derived: { outcome: fields.outcome },
  } as unknown as EnrichedConversationCallback;
}

function rules(json: unknown): RouteRule[] {
  const parsed = parseRoutes(JSON.stringify(json));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('parseRoutes', () => {
  it('accepts rules on outcome, state and direction', () => {
    const parsed = parseRoutes('[{"topic":"callbacks.spam","when":{"outcome":["SPAM"]}},{"topic":"all.copy","when":{}}]');
    expect(parsed).toEqual({ ok: true, value: [{ topic: 'callbacks.spam', when: { outcome: ['SPAM'] } }, { topic: 'all.copy', when: {} }] });
  });

  it.each([
    ['not JSON', '[{', 'not valid JSON'],
    ['an object instead of a list', '{"topic":"a","when":{}}', '(root)'],
    ['an unknown outcome', '[{"topic":"a","when":{"outcome":["SPAMMY"]}}]', '0.when.outcome.0'],
    ['a misspelt condition', '[{"topic":"a","when":{"outcomes":["SPAM"]}}]', 'outcomes'],
    ['a bad topic name', '[{"topic":"has space","when":{}}]', '0.topic'],
    ['an empty value list', '[{"topic":"a","when":{"state":[]}}]', '0.when.state'],
    ['no when', '[{"topic":"a"}]', '0.when'],
  ])('rejects %s, saying where', (_, text, where) => {
    const parsed = parseRoutes(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(where);
  });
});

describe('selectRoutes', () => {
  const table = rules([
    { topic: 'spam', when: { outcome: ['SPAM', 'UNCALLABLE'] } },
    { topic: 'outbound.done', when: { state: ['DISCONNECTED', 'TERMINATED'], direction: ['OUTBOUND'] } },
    { topic: 'spam', when: { direction: ['OUTBOUND'] } },
    { topic: 'outdated', when: { state: ['OutdatedSdkVersion'] } },
  ]);

  it('matches any listed value of a field', () => {
    expect(selectRoutes(table, enriched({ outcome: 'UNCALLABLE' }))).toEqual(['spam']);
  });

  it('needs every named field to match', () => {
    expect(selectRoutes(table, enriched({ outcome: 'COMPLETED', state: 'DISCONNECTED', direction: 'OUTBOUND' }))).toEqual(['outbound.done', 'spam']);
    expect(selectRoutes(table, enriched({ outcome: 'COMPLETED', state: 'DISCONNECTED', direction: 'INBOUND' }))).toEqual([]);
  });

  it('gives one copy per topic when two rules name it', () => {
    expect(selectRoutes(table, enriched({ outcome: 'SPAM', state: 'TERMINATED', direction: 'OUTBOUND' }))).toEqual(['spam', 'outbound.done']);
  });

  it('never matches a field the record lacks', () => {
    expect(selectRoutes(table, enriched({ outcome: 'PENDING' }))).toEqual([]);
  });

  it('routes the fallback value OutdatedSdkVersion like any other', () => {
    expect(selectRoutes(table, enriched({ outcome: 'UNKNOWN', state: 'OutdatedSdkVersion' }))).toEqual(['outdated']);
  });

  it('copies everything for a rule with an empty when', () => {
    expect(selectRoutes(rules([{ topic: 'mirror', when: {} }]), enriched({ outcome: 'PENDING' }))).toEqual(['mirror']);
  });
});
