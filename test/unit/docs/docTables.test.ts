// The docs' tables that describe code (environment variables, DLQ reasons, metrics) are the ones
// the code generates: each appears once, between its markers, somewhere in README.md or docs/.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOC_TABLES, findTableBlocks, renderTables } from '../../../scripts/docs/docTables.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pages = ['README.md', ...readdirSync(`${root}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const blocks = pages.flatMap((page) => findTableBlocks(readFileSync(`${root}${page}`, 'utf8')).map((block) => ({ page, ...block })));

describe('generated doc tables', () => {
  it.each(Object.keys(DOC_TABLES))('%s: one table in the docs, equal to what the code generates (npm run docs:tables)', (name) => {
    const found = blocks.filter((block) => block.name === name);
    expect(found.map((block) => block.page)).toHaveLength(1);
    expect(found[0]?.current).toBe(DOC_TABLES[name]?.());
  });

  it('names only tables it knows, and rewrites a stale one', () => {
    for (const block of blocks) expect(Object.keys(DOC_TABLES)).toContain(block.name);
    const stale = 'before\n<!-- generated:dlq-reasons -->\n| old |\n<!-- /generated:dlq-reasons -->\nafter\n';
    const fresh = renderTables(stale);
    expect(fresh).toContain('| `MAGIC_BYTE` | `magic_byte` |');
    expect(fresh.startsWith('before\n') && fresh.endsWith('after\n')).toBe(true);
    expect(renderTables(fresh)).toBe(fresh);
  });
});
