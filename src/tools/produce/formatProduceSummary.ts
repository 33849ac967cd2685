// The human summary of `produce` (stdout); `--json` prints the ProduceSummary itself.
import type { ProduceSummary } from './runProduce.js';

const n = (value: number): string => value.toLocaleString('en-US');

export function formatProduceSummary(summary: ProduceSummary): string {
  const lines = [
    `produced ${n(summary.produced)} records to ${summary.topic} in ${(summary.elapsedMs / 1000).toFixed(2)} s (${n(summary.recordsPerSecond)} records/s)`,
  ];
  const kinds = Object.entries(summary.byKind).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(0, ...kinds.map(([kind]) => kind.length));
  for (const [kind, count] of kinds) lines.push(`  ${kind.padEnd(width)}  ${n(count).padStart(10)}`);
  if (summary.poison > 0) lines.push(`  ${n(summary.poison)} poison records will go to the DLQ`);
  if (summary.badLines > 0) lines.push(`  ${n(summary.badLines)} lines of the file skipped (reasons on stderr)`);
  if (summary.campaigns.count > 0) lines.push(`campaigns: ${n(summary.campaigns.count)} to ${summary.campaigns.topic}`);
  lines.push(`schema ids: ${Object.entries(summary.schemaIds).map(([writer, id]) => `${writer} ${id}`).join(', ')}`);
  if (summary.seed !== null) lines.push(`same records again: --seed ${summary.seed} --base-time ${summary.baseTime}`);
  return `${lines.join('\n')}\n`;
}
