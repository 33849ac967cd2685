// Human output of `schema check`: the verdict on one line, then each reason with its fix.
import type { CompatReport } from '../../registry/compat/checkCompatibility.js';

export function formatCompatReport(what: string, report: CompatReport, levelSource: string): string {
  const against = report.checkedAgainst.length === 0
    ? (report.level === 'NONE' ? 'nothing (level NONE)' : 'nothing (no versions yet: any first version is compatible)')
    : report.checkedAgainst.join(', ');
  const verdict = report.compatible ? 'compatible' : 'INCOMPATIBLE';
  const lines = [`${what}: ${verdict} at ${report.level} (${levelSource}), checked against ${against}`];
  report.issues.forEach((issue, index) => {
    lines.push(`  ${index + 1}. [${issue.direction} vs ${issue.against}] ${issue.message}`);
    lines.push(`     fix: ${issue.fix}`);
  });
  return `${lines.join('\n')}\n`;
}
