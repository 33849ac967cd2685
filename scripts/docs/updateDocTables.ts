// Rewrites the generated tables of README.md and docs/*.md from the code: `npm run docs:tables`.
// `--check` changes nothing and exits 1 when a page is stale (the unit test does the same).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderTables } from './docTables.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pages = ['README.md', ...readdirSync(`${root}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const check = process.argv.includes('--check');
let stale = 0;
for (const page of pages) {
  const text = readFileSync(`${root}${page}`, 'utf8');
  const rendered = renderTables(text);
  if (rendered === text) continue;
  stale += 1;
  if (check) process.stderr.write(`${page}: generated tables are stale (npm run docs:tables)\n`);
  else {
    writeFileSync(`${root}${page}`, rendered);
    process.stdout.write(`${page}: tables updated\n`);
  }
}
process.exitCode = check && stale > 0 ? 1 : 0;
