import { describe, expect, it } from 'vitest';
import { accountRecords } from '../../../scripts/chaos/accountRecords.js';
import { checkFuzzExpectations } from '../../../scripts/chaos/checkFuzzExpectations.js';
import { formatTable, judgeScenario, tableRow, type ScenarioOutcome } from '../../../scripts/chaos/judgeScenario.js';
import type { ReadRecord } from '../../../scripts/chaos/readRecord.js';

const twice: ReadRecord[] = [{ k: 'in', p: 0, o: 0 }, { k: 'out', p: 0, o: 0 }, { k: 'out', p: 0, o: 0 }];
const outcome = (overrides: Partial<ScenarioOutcome>): ScenarioOutcome => ({
  name: 'kill-loop', guarantee: 'at_least_once', client: 'kafkajs', faults: '8 × SIGKILL',
  accounting: accountRecords([{ k: 'in', p: 0, o: 0 }, { k: 'out', p: 0, o: 0 }]), gapMs: 12_345, crashes: [], errors: [], ...overrides,
});

describe('judgeScenario', () => {
  it('passes a balanced run', () => {
    expect(judgeScenario(outcome({}))).toEqual({ pass: true, reasons: [] });
  });

  it('allows repeats under at-least-once but fails them under exactly-once', () => {
    expect(judgeScenario(outcome({ accounting: accountRecords(twice) })).pass).toBe(true);
    const verdict = judgeScenario(outcome({ guarantee: 'exactly_once', accounting: accountRecords(twice) }));
    expect(verdict.pass).toBe(false);
    expect(verdict.reasons[0]).toMatch(/1 duplicated under exactly-once/);
  });

  it('fails on loss, undecodable output, a stall, a crash, wrong fuzz outcomes and harness errors', () => {
    const records: ReadRecord[] = [{ k: 'in', p: 0, o: 0 }, { k: 'in', p: 0, o: 1, c: 3 }, { k: 'out', p: 0, o: 1, bad: 'UnicodeDecodeError' }];
    const verdict = judgeScenario(outcome({
      accounting: accountRecords(records),
      drainProblem: 'stall: no committed progress for 90 s',
      crashes: ['w1 exited by itself (code 1, signal null)'],
      fuzz: checkFuzzExpectations(records, new Map([[3, { kind: 'invalidUtf8', expect: 'DECODE_ERROR' as const }]])),
      errors: ['the feed failed: x'],
    }));
    expect(verdict.pass).toBe(false);
    expect(verdict.reasons.join('\n')).toMatch(/1 lost[\s\S]*strict Avro reader[\s\S]*stall[\s\S]*crash[\s\S]*expected DECODE_ERROR, got enriched[\s\S]*harness: the feed failed/);
  });

  it('fails a scenario that read no input at all', () => {
    expect(judgeScenario(outcome({ accounting: accountRecords([]) })).reasons).toContain('no input records: the scenario tested nothing');
  });
});

describe('tableRow and formatTable', () => {
  it('prints one Markdown row per scenario with the dead letters by reason and the gap in seconds', () => {
    const books = accountRecords([{ k: 'in', p: 0, o: 0 }, { k: 'in', p: 0, o: 1 }, { k: 'dlq', p: 0, o: 0, reason: 'MAGIC_BYTE' }, { k: 'dlq', p: 0, o: 1, reason: 'DECODE_ERROR' }]);
    const row = tableRow(outcome({ accounting: books }), { pass: true, reasons: [] });
    expect(row).toEqual(['kill-loop', 'at-least-once', 'kafkajs', '2', '8 × SIGKILL', '0', '0 (repeats allowed)', 'DECODE_ERROR 1, MAGIC_BYTE 1', '12.3 s', 'PASS']);
    const table = formatTable([row]).split('\n');
    expect(table[0]).toMatch(/^\| scenario \| guarantee .* verdict \|$/);
    expect(table[2]).toContain('| PASS |');
  });
});
