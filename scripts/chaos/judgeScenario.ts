// A scenario's verdict and the suite's table. Pure: the figures in, text out.
import type { Accounting } from './accountRecords.js';
import type { FuzzVerdict } from './checkFuzzExpectations.js';

export interface ScenarioOutcome {
  name: string;
  guarantee: 'at_least_once' | 'exactly_once';
  client: string;
  /** What was done to it, e.g. "8 × SIGKILL". */
  faults: string;
  accounting: Accounting;
  gapMs: number;
  /** Set when the group did not drain: a stall or the time limit. */
  drainProblem?: string;
  /** Workers that exited without being asked. */
  crashes: string[];
  fuzz?: FuzzVerdict;
  /** The harness could not do its part (a feed that failed, a fault it could not inject). */
  errors: string[];
}

export interface Verdict {
  pass: boolean;
  reasons: string[];
}

export function judgeScenario(outcome: ScenarioOutcome): Verdict {
  const { accounting: books } = outcome;
  const reasons: string[] = [];
  if (books.lost > 0) reasons.push(`${books.lost} lost (e.g. ${books.samples.lost.join(', ')})`);
  if (outcome.guarantee === 'exactly_once' && books.duplicated > 0) {
    reasons.push(`${books.duplicated} duplicated under exactly-once (e.g. ${books.samples.duplicated.join(', ')})`);
  }
  if (books.undecodable > 0) reasons.push(`${books.undecodable} output values a strict Avro reader cannot decode (${books.samples.undecodable.join('; ')})`);
  if (books.unattributed > 0) reasons.push(`${books.unattributed} output/DLQ records with no matching input (${books.samples.unattributed.join(', ')})`);
  if (books.incompleteReads.length > 0) reasons.push(`read_committed reader stuck: ${books.incompleteReads.join('; ')}`);
  if (books.records === 0) reasons.push('no input records: the scenario tested nothing');
  if (outcome.drainProblem) reasons.push(outcome.drainProblem);
  if (outcome.crashes.length > 0) reasons.push(`crash: ${outcome.crashes.join('; ')}`);
  if (outcome.fuzz && outcome.fuzz.wrong > 0) reasons.push(`${outcome.fuzz.wrong} fuzz cases ended in the wrong place (${outcome.fuzz.samples.join('; ')})`);
  reasons.push(...outcome.errors.map((error) => `harness: ${error}`));
  return { pass: reasons.length === 0, reasons };
}

const COLUMNS = ['scenario', 'guarantee', 'client', 'records', 'faults', 'lost', 'duplicated', 'dead-lettered', 'longest gap', 'verdict'] as const;

function formatReasons(byReason: Record<string, number>): string {
  const entries = Object.entries(byReason).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '0' : entries.map(([reason, count]) => `${reason} ${count}`).join(', ');
}

export function tableRow(outcome: ScenarioOutcome, verdict: Verdict): string[] {
  const books = outcome.accounting;
  const duplicated = outcome.guarantee === 'exactly_once' ? String(books.duplicated) : `${books.duplicated} (repeats allowed)`;
  return [
    outcome.name,
    outcome.guarantee === 'exactly_once' ? 'exactly-once' : 'at-least-once',
    outcome.client,
    String(books.records),
    outcome.faults,
    String(books.lost),
    duplicated,
    formatReasons(books.deadLettered),
    `${(outcome.gapMs / 1000).toFixed(1)} s`,
    verdict.pass ? 'PASS' : 'FAIL',
  ];
}

/** A Markdown table (readable in a terminal too). */
export function formatTable(rows: readonly string[][]): string {
  const lines = [COLUMNS.join(' | '), COLUMNS.map(() => '---').join(' | '), ...rows.map((row) => row.join(' | '))];
  return lines.map((line) => `| ${line} |`).join('\n');
}
