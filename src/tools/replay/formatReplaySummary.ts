// The human summary of `replay` (stdout); `--json` prints the ReplaySummary itself.
import type { ReplaySummary } from './runReplay.js';

const END_NOTES: Record<ReplaySummary['end'], string> = {
  reachedEnd: '',
  idle: ' (stopped after a quiet spell: the rest of the log held no records)',
  stopped: ' (stopped)',
  interrupted: ' (INTERRUPTED: run the same command again to resume; nothing is copied twice)',
};

export function formatReplaySummary(summary: ReplaySummary, maxReplays: number): string {
  const verb = summary.dryRun ? 'would replay' : 'replayed';
  const lines = [
    `${summary.dryRun ? 'dry run: ' : ''}${summary.from} -> ${summary.to}, group ${summary.groupId}${END_NOTES[summary.end]}`,
    `read ${summary.read} dead letters: ${verb} ${summary.replayed}, ${summary.overLimit.length} over the replay limit, ${summary.filtered} filtered out`,
  ];
  const reasons = Object.entries(summary.byReason).sort(([a], [b]) => a.localeCompare(b));
  if (reasons.length > 0) {
    const width = Math.max(6, ...reasons.map(([reason]) => reason.length));
    lines.push(`  ${'reason'.padEnd(width)}  ${verb.padStart(12)}  over limit`);
    for (const [reason, counts] of reasons) {
      lines.push(`  ${reason.padEnd(width)}  ${String(counts.replayed).padStart(12)}  ${String(counts.overLimit).padStart(10)}`);
    }
  }
  if (summary.overLimit.length > 0) {
    lines.push(`not replayed, already replayed ${maxReplays} times or more (--max-replays):`);
    for (const r of summary.overLimit) {
      lines.push(`  partition ${r.partition} offset ${r.offset} key ${r.key ?? '(none)'} ${r.reason}, replayed ${r.replays} times`);
    }
  }
  return `${lines.join('\n')}\n`;
}
