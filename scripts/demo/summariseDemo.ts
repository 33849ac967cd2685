// Pure: turns what the demo read back (enriched records, dead letters) into its summary.
import type { EnrichedConversationCallback } from '../../src/model/types.js';
import type { Headers } from '../../src/pipeline/types.js';
import { DLQ_HEADERS } from '../../src/pipeline/headerNames.js';
import { headerText } from '../../src/pipeline/headers.js';

export interface DemoSummary {
  enriched: number;
  deadLettered: number;
  byOutcome: Record<string, number>;
  enumFallbacksByField: Record<string, number>;
  deadLettersByReason: Record<string, number>;
  withCampaign: number;
  invalidNumbers: number;
}

function increment(table: Record<string, number>, key: string): void {
  table[key] = (table[key] ?? 0) + 1;
}

export function summariseDemo(enriched: EnrichedConversationCallback[], deadLetters: Headers[]): DemoSummary {
  const summary: DemoSummary = {
    enriched: enriched.length, deadLettered: deadLetters.length, byOutcome: {},
    enumFallbacksByField: {}, deadLettersByReason: {}, withCampaign: 0, invalidNumbers: 0,
  };
  for (const record of enriched) {
    increment(summary.byOutcome, record.derived.outcome);
    for (const field of Object.keys(record.unknownEnumValues)) increment(summary.enumFallbacksByField, field);
    if (record.campaign) summary.withCampaign += 1;
    summary.invalidNumbers += record.derived.invalidCallbackNumbers.length;
  }
  for (const headers of deadLetters) increment(summary.deadLettersByReason, headerText(headers, DLQ_HEADERS.reason) ?? '(none)');
  return summary;
}

function table(title: string, rows: Record<string, number>): string {
  const entries = Object.entries(rows).sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return `${title}\n  (none)\n`;
  const width = Math.max(...entries.map(([key]) => key.length));
  return `${title}\n${entries.map(([key, count]) => `  ${key.padEnd(width)}  ${String(count).padStart(6)}`).join('\n')}\n`;
}

export function formatDemoSummary(summary: DemoSummary, produced: number, seconds: number): string {
  const processed = summary.enriched + summary.deadLettered;
  return [
    `produced ${produced} = enriched ${summary.enriched} + dead-lettered ${summary.deadLettered}` +
      ` (${processed === produced ? 'adds up' : 'DOES NOT ADD UP'})`,
    // Start-up (campaign table, group join) is inside this figure; `npm run bench` measures steady throughput.
    `elapsed: ${seconds.toFixed(2)} s from worker start to the last record (${Math.round(processed / Math.max(seconds, 1e-3))} records/s including start-up)`,
    `with a campaign joined: ${summary.withCampaign}; invalid callback numbers kept aside: ${summary.invalidNumbers}`,
    '',
    table('outcome', summary.byOutcome),
    table('enum fallbacks by field (raw values kept in unknownEnumValues)', summary.enumFallbacksByField),
    table('dead letters by reason', summary.deadLettersByReason),
  ].join('\n');
}
