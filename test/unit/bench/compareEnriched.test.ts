import { describe, expect, it } from 'vitest';
import { compareEnriched, projectEnriched, stableJson, type Projection } from '../../../bench/lib/compareEnriched.js';
import { describeComparison } from '../../../bench/lib/describeComparison.js';

const enriched = (overrides: { derived?: Record<string, unknown>; unknownEnumValues?: Record<string, string> } = {}) => ({
  derived: { outcome: 'COMPLETED', isTerminal: true, callbackNumbersE164: ['+13175550123'], scheduledLocalTime: null, ...overrides.derived },
  unknownEnumValues: overrides.unknownEnumValues ?? {},
  campaign: { id: 'c1', timeZone: 'Europe/Berlin', name: 'n' },
  source: { topic: 't', partition: 0, offset: 1, timestamp: 5, schemaId: 3 },
});

describe('projectEnriched', () => {
  it('flattens the derived fields and keeps maps and records as content, whatever their key order', () => {
    const a = projectEnriched({ ...enriched(), campaign: { id: 'c1', name: 'n', timeZone: 'Europe/Berlin' } });
    const b = projectEnriched(enriched());
    expect(a).toEqual(b);
    expect(a['derived.outcome']).toBe('"COMPLETED"');
    expect(a['derived.callbackNumbersE164']).toBe('["+13175550123"]');
  });

  it('keeps array order significant (E.164 numbers keep their input order)', () => {
    expect(stableJson(['+1', '+2'])).not.toBe(stableJson(['+2', '+1']));
  });
});

describe('compareEnriched', () => {
  const map = (entries: Array<[string, Projection]>): Map<string, Projection> => new Map(entries);

  it('matches records by eventId and finds nothing to report when every field agrees', () => {
    const result = compareEnriched(map([['e1', projectEnriched(enriched())]]), map([['e1', projectEnriched(enriched())]]));
    expect(result).toEqual({ matched: 1, onlyLeft: 0, onlyRight: 0, differingRecords: 0, differences: [] });
    expect(describeComparison('worker', 'peer', result)).toContain('agree on every record');
  });

  it('counts each differing field with one example, and the records only one side has', () => {
    const left = map([
      ['e1', projectEnriched(enriched())],
      ['e2', projectEnriched(enriched({ derived: { scheduledLocalTime: '2026-03-29T02:30:00.000+01:00' } }))],
      ['e3', projectEnriched(enriched())],
    ]);
    const right = map([
      ['e1', projectEnriched(enriched({ derived: { callbackNumbersE164: [] } }))],
      ['e2', projectEnriched(enriched({ derived: { scheduledLocalTime: '2026-03-29T03:30:00.000+02:00', callbackNumbersE164: [] } }))],
      ['e4', projectEnriched(enriched())],
    ]);
    const result = compareEnriched(left, right);
    expect(result.matched).toBe(2);
    expect(result.onlyLeft).toBe(1);
    expect(result.onlyRight).toBe(1);
    expect(result.differingRecords).toBe(2);
    expect(result.differences.map((d) => [d.field, d.count])).toEqual([['derived.callbackNumbersE164', 2], ['derived.scheduledLocalTime', 1]]);
    expect(result.differences[1]!.example).toEqual({ eventId: 'e2', left: '"2026-03-29T02:30:00.000+01:00"', right: '"2026-03-29T03:30:00.000+02:00"' });
    expect(describeComparison('worker', 'peer', result)).toContain('`derived.callbackNumbersE164` on 2');
  });

  it('reports a field present on one side only', () => {
    const left = map([['e1', { 'derived.outcome': '"SPAM"' }]]);
    const right = map([['e1', { 'derived.outcome': '"SPAM"', 'derived.extra': 'true' }]]);
    expect(compareEnriched(left, right).differences).toEqual([{ field: 'derived.extra', count: 1, example: { eventId: 'e1', left: 'absent', right: 'true' } }]);
  });
});
