// BENCHMARKS.md is part generated, part written by people. Each entry owns the lines between
// its two markers; everything else (the intro, analysis under a section) is left alone, so an
// entry can be re-run without losing another entry's figures or anyone's notes.
import type { BenchReport } from '../benchEntry.js';

export const BENCHMARKS_INTRO = `# Benchmarks

Figures written by \`npm run bench\` (bench/run.ts; \`npm run bench -- core\` runs one entry,
\`--profile\` writes a CPU profile instead of figures). Each entry's block between its markers is
replaced when the entry runs again; text outside the blocks is kept, so analysis goes there.
`;

const beginMarker = (name: string): string => `<!-- bench:${name}:begin -->`;
const endMarker = (name: string): string => `<!-- bench:${name}:end -->`;

export function renderSection(name: string, title: string, machineLine: string, report: BenchReport): string {
  const lines = [
    beginMarker(name),
    `## ${title}`,
    '',
    `Measured ${machineLine}.`,
    '',
    `**${report.headline}**`,
  ];
  if (report.figures.length > 0) {
    lines.push('', '| figure | value |', '|---|---:|', ...report.figures.map((figure) => `| ${figure.label} | ${figure.value} |`));
  }
  for (const table of report.tables ?? []) {
    // Numbers align right, text (names, checks) left.
    const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((row) => /^(\d|n\/a|-\d)/.test(row[i] ?? '')));
    lines.push('', table.caption, '', `| ${table.columns.join(' | ')} |`, `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`);
    for (const row of table.rows) lines.push(`| ${row.join(' | ')} |`);
  }
  if (report.notes !== undefined && report.notes.length > 0) {
    lines.push('', ...report.notes.map((note) => `- ${note}`));
  }
  lines.push(endMarker(name));
  return lines.join('\n');
}

/** `current` with the section of `name` replaced by `section`, or with it appended. */
export function upsertSection(current: string, name: string, section: string): string {
  const base = current.trim() === '' ? BENCHMARKS_INTRO : current;
  const begin = base.indexOf(beginMarker(name));
  const end = base.indexOf(endMarker(name));
  if (begin !== -1 && end > begin) {
    return base.slice(0, begin) + section + base.slice(end + endMarker(name).length);
  }
  return `${base.trimEnd()}\n\n${section}\n`;
}
