import { describe, expect, it } from 'vitest';
import type { InputRecord } from '../../../src/pipeline/types.js';
import { buildReplayRecord } from '../../../src/tools/replay/buildReplayRecord.js';
import { decideReplay, type ReplayFilter } from '../../../src/tools/replay/decideReplay.js';
import { replayGroupId } from '../../../src/tools/replay/replayGroupId.js';
import { createReplayTally, tallyReplay, totalReplayed } from '../../../src/tools/replay/tallyReplay.js';
import { headerMap, textHeaders } from '../../helpers/headers.js';

const T0 = Date.parse('2025-05-01T10:00:00Z');
const deadLetter = (headers: Record<string, string>, key = 'k1', timestamp = T0): InputRecord => ({
  topic: 'callbacks.dlq', partition: 0, offset: '7', timestamp, key: Buffer.from(key), value: Buffer.from([0, 0, 0, 0, 1, 2]),
  headers: textHeaders(headers),
});
const DLQ = { 'dlq.reason': 'MAPPING_ERROR', 'dlq.error': 'connectedTime: not a date-time', 'dlq.failed.at': '2025-05-01T10:00:00.000Z', 'dlq.source.topic': 'callbacks.raw', 'dlq.source.partition': '0', 'dlq.source.offset': '41', 'dlq.worker': 'w1', 'dlq.schema.id': '3', 'trace-id': 'abc' };
const ALL: ReplayFilter = { reasons: new Set() };

describe('decideReplay', () => {
  it('replays a first-time dead letter with no filters', () => {
    expect(decideReplay(deadLetter(DLQ), ALL, 3)).toEqual({ action: 'replay', reason: 'MAPPING_ERROR', replays: 0 });
  });

  it('filters by reason, key and dead-letter time (since inclusive, until exclusive)', () => {
    const record = deadLetter(DLQ);
    expect(decideReplay(record, { reasons: new Set(['DECODE_ERROR']) }, 3).action).toBe('filtered');
    expect(decideReplay(record, { reasons: new Set(['DECODE_ERROR', 'MAPPING_ERROR']) }, 3).action).toBe('replay');
    expect(decideReplay(record, { ...ALL, key: 'k2' }, 3).action).toBe('filtered');
    expect(decideReplay(record, { ...ALL, key: 'k1' }, 3).action).toBe('replay');
    expect(decideReplay(record, { ...ALL, since: T0 }, 3).action).toBe('replay');
    expect(decideReplay(record, { ...ALL, since: T0 + 1 }, 3).action).toBe('filtered');
    expect(decideReplay(record, { ...ALL, until: T0 }, 3).action).toBe('filtered');
    expect(decideReplay(record, { ...ALL, until: T0 + 1 }, 3).action).toBe('replay');
  });

  it('uses the Kafka timestamp when dlq.failed.at is missing or unreadable', () => {
    const { 'dlq.failed.at': _omit, ...withoutTime } = DLQ;
    expect(decideReplay(deadLetter(withoutTime, 'k1', T0 - 10), { ...ALL, until: T0 }, 3).action).toBe('replay');
    expect(decideReplay(deadLetter({ ...DLQ, 'dlq.failed.at': 'yesterday' }, 'k1', T0 + 10), { ...ALL, until: T0 }, 3).action).toBe('filtered');
  });

  it('refuses records replayed --max-replays times already', () => {
    expect(decideReplay(deadLetter({ ...DLQ, 'dlq.replays': '2' }), ALL, 3)).toEqual({ action: 'replay', reason: 'MAPPING_ERROR', replays: 2 });
    expect(decideReplay(deadLetter({ ...DLQ, 'dlq.replays': '3' }), ALL, 3)).toEqual({ action: 'overLimit', reason: 'MAPPING_ERROR', replays: 3 });
    expect(decideReplay(deadLetter({ ...DLQ, 'dlq.replays': 'garbage' }), ALL, 1).action).toBe('replay');
  });
});

describe('buildReplayRecord', () => {
  it('keeps key, value and the original headers, drops dlq.* context and counts the replay', () => {
    const record = deadLetter({ ...DLQ, 'dlq.replays': '1' });
    const out = buildReplayRecord(record, 'callbacks.raw');
    expect(out.topic).toBe('callbacks.raw');
    expect(out.key).toEqual(record.key);
    expect(out.value).toEqual(record.value);
    expect(headerMap(out.headers)).toEqual({ 'trace-id': 'abc', 'dlq.replays': '2' });
  });

  it('starts the count at 1', () => {
    expect(headerMap(buildReplayRecord(deadLetter(DLQ), 'in').headers)['dlq.replays']).toBe('1');
  });
});

describe('replayGroupId', () => {
  it('is the same for the same replay and differs when filters differ', () => {
    const a = replayGroupId('dlq', 'in', { reasons: new Set(['A', 'B']) });
    expect(replayGroupId('dlq', 'in', { reasons: new Set(['B', 'A']) })).toBe(a);
    expect(replayGroupId('dlq', 'in', { reasons: new Set(['A']) })).not.toBe(a);
    expect(replayGroupId('dlq', 'other', { reasons: new Set(['A', 'B']) })).not.toBe(a);
    expect(a).toMatch(/^callback-enricher-replay\.dlq\.[0-9a-f]{12}$/);
  });
});

describe('tallyReplay', () => {
  it('counts by reason and lists the refused records', () => {
    const tally = createReplayTally();
    tallyReplay(tally, { action: 'replay', reason: 'DECODE_ERROR', replays: 0 }, { partition: 0, offset: '1', key: 'a' });
    tallyReplay(tally, { action: 'replay', reason: 'DECODE_ERROR', replays: 1 }, { partition: 0, offset: '2', key: 'b' });
    tallyReplay(tally, { action: 'overLimit', reason: 'MAGIC_BYTE', replays: 3 }, { partition: 1, offset: '3', key: null });
    tallyReplay(tally, { action: 'filtered' }, { partition: 1, offset: '4', key: 'c' });
    expect(tally).toEqual({
      read: 4, filtered: 1,
      byReason: { DECODE_ERROR: { replayed: 2, overLimit: 0 }, MAGIC_BYTE: { replayed: 0, overLimit: 1 } },
      overLimit: [{ partition: 1, offset: '3', key: null, reason: 'MAGIC_BYTE', replays: 3 }],
    });
    expect(totalReplayed(tally)).toBe(2);
  });
});
