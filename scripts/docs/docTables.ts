// The tables of the docs that describe code, generated from the code: environment variables
// (ENV_VARIABLES), DLQ reasons (DLQ_REASONS) and metrics (the registry createMetrics builds).
// In a page, a table sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`;
// `npm run docs:tables` rewrites them, and test/unit/docs/docTables.test.ts fails when one is stale.
import { formatEnvMarkdown } from '../../src/config/formatEnvTable.js';
import { createMetrics } from '../../src/observability/createMetrics.js';
import { DLQ_REASONS, DLQ_REASON_NAMES } from '../../src/pipeline/dlqReasons.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n') + '\n';
}

function formatDlqReasons(): string {
  return table(['`dlq.reason`', 'metric label', 'meaning'],
    DLQ_REASON_NAMES.map((reason) => [`\`${reason}\``, `\`${DLQ_REASONS[reason].metricLabel}\``, DLQ_REASONS[reason].description]));
}

interface MetricInfo {
  name: string;
  help: string;
  type: string;
  labelNames: readonly string[];
}

function formatMetrics(): string {
  // Our own metrics only; prom-client's default process_* and nodejs_* ones keep their standard names.
  const metrics = createMetrics({ defaultMetrics: false }).registry.getMetricsAsArray() as unknown as MetricInfo[];
  return table(['metric', 'type', 'labels', 'what'],
    metrics.map((m) => [`\`${m.name}\``, m.type, m.labelNames.map((l) => `\`${l}\``).join(', '), m.help]));
}

export const DOC_TABLES: Readonly<Record<string, () => string>> = {
  'env-variables': formatEnvMarkdown,
  'dlq-reasons': formatDlqReasons,
  metrics: formatMetrics,
};

export interface TableBlock {
  name: string;
  /** What stands between the markers now. */
  current: string;
}

const BLOCK = /<!-- generated:([a-z-]+) -->\n([\s\S]*?)<!-- \/generated:\1 -->/g;

export function findTableBlocks(page: string): TableBlock[] {
  return [...page.matchAll(BLOCK)].map((match) => ({ name: match[1] as string, current: match[2] as string }));
}

/** The page with every generated table replaced by its current rendering. */
export function renderTables(page: string): string {
  return page.replace(BLOCK, (whole, name: string) => {
    const render = DOC_TABLES[name];
    if (!render) throw new Error(`unknown generated table "${name}" (known: ${Object.keys(DOC_TABLES).join(', ')})`);
    return `<!-- generated:${name} -->\n${render()}<!-- /generated:${name} -->`;
  });
}
