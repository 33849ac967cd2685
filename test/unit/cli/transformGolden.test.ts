// Golden files (Benthos config-test style): a realistic mix of notifications through
// `transform` as a user runs it, compared field by field with the reviewed expected output.
// After a deliberate change in output, regenerate with UPDATE_GOLDEN=1 and review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/runCli.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/transform/${name}`, import.meta.url));
/** processedAt is the clock; the golden file holds this in its place. */
const CLOCK = '(the clock: not compared)';

const parseLines = (text: string): Array<Record<string, unknown>> =>
  text.split('\n').filter((line) => line !== '').map((line) => ({ ...JSON.parse(line), processedAt: CLOCK }));

describe('transform golden files', () => {
  it('in.jsonl → expected.jsonl and expected.stderr', async () => {
    const run = await runCli(
      ['transform', '--event-time', '2024-03-07T10:15:30Z', '--campaigns', fixture('campaigns.jsonl')],
      readFileSync(fixture('in.jsonl')),
    );
    const actual = parseLines(run.stdout);
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(fixture('expected.jsonl'), actual.map((line) => `${JSON.stringify(line)}\n`).join(''));
      writeFileSync(fixture('expected.stderr'), run.stderr);
    }
    expect(run.stderr).toBe(readFileSync(fixture('expected.stderr'), 'utf8'));
    const expected = parseLines(readFileSync(fixture('expected.jsonl'), 'utf8'));
    expect(actual).toHaveLength(expected.length);
    actual.forEach((line, index) => expect({ index, ...line }).toEqual({ index, ...expected[index] }));
    expect(run.code).toBe(1);
  }, 60_000);
});
