// `schema register` and `schema check` as a user runs them, against the real registry.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.js';
import { registryFetch, stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';

const dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
type Field = { name: string; type: unknown; default?: unknown };
function schemaFile(name: string, fields: Field[]): string {
  const path = join(dir, `${name}.avsc`);
  writeFileSync(path, JSON.stringify({ type: 'record', name: 'Order', namespace: 'shop', fields }));
  return path;
}
const status = (symbols: string[]) => ({ name: 'status', type: { type: 'enum', name: 'Status', symbols } });
const ID = { name: 'id', type: 'string' };
const COUNT = { name: 'count', type: 'int' };
const NOTE = { name: 'note', type: ['null', 'string'], default: null };
const FILES = {
  v1: schemaFile('v1', [ID, status(['OPEN', 'PAID', 'SHIPPED']), COUNT, NOTE]),
  removedField: schemaFile('removed-field', [ID, status(['OPEN', 'PAID', 'SHIPPED']), NOTE]),
  removedSymbol: schemaFile('removed-symbol', [ID, status(['OPEN', 'PAID']), COUNT, NOTE]),
  changedType: schemaFile('changed-type', [ID, status(['OPEN', 'PAID', 'SHIPPED']), { name: 'count', type: 'string' }, NOTE]),
  x: schemaFile('x', [{ name: 'x', type: 'string' }]),
  xy: schemaFile('xy', [{ name: 'x', type: 'string' }, { name: 'y', type: 'int' }]),
  xyDefault: schemaFile('xy-default', [{ name: 'x', type: 'string' }, { name: 'y', type: 'int', default: 0 }]),
};

const env = (extra: Record<string, string> = {}) => ({ ...stackEnv(), LOG_LEVEL: 'warn', ...extra });
const json = (headers: Record<string, string> = {}) => ({ 'Content-Type': 'application/vnd.schemaregistry.v1+json', ...headers });

/** A subject holding `files` as versions 1..n (level NONE while registering, so any history fits). */
async function subjectWith(files: string[]): Promise<string> {
  const subject = `${uniqueName('check')}-value`;
  for (const [index, file] of files.entries()) {
    if (index > 0) {
      // Apicurio sets a subject's level only once the subject exists: after the first version.
      const put = await registryFetch(`/config/${subject}`, { method: 'PUT', headers: json(), body: JSON.stringify({ compatibility: 'NONE' }) });
      if (!put.ok) throw new Error(`PUT config: ${put.status}`);
    }
    const post = await registryFetch(`/subjects/${subject}/versions`, { method: 'POST', headers: json(), body: JSON.stringify({ schema: readFileSync(file, 'utf8') }) });
    if (!post.ok) throw new Error(`register ${file}: ${post.status} ${await post.text()}`);
  }
  return subject;
}

interface Report {
  compatible: boolean;
  level: string;
  levelSource: string;
  checkedAgainst: string[];
  subjectExists?: boolean;
  issues: Array<{ direction: string; kind: string; path: string; message: string; fix: string }>;
}

async function check(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; report: Report; stderr: string }> {
  const run = await runCli(['schema', 'check', '--json', ...args], '', env(extraEnv));
  return { code: run.code, report: run.stdout ? JSON.parse(run.stdout) as Report : ({} as Report), stderr: run.stderr };
}

describe('schema register', () => {
  it('registers every avro/ schema under <topic>-value; a second run changes nothing', async () => {
    const topics = { INPUT_TOPIC: uniqueName('reg-in'), OUTPUT_TOPIC: uniqueName('reg-out'), CAMPAIGN_TOPIC: uniqueName('reg-camp') };
    // Only the registry and topics sections are read: bad Kafka or worker variables do not matter.
    const first = await runCli(['schema', 'register'], '', env({ ...topics, KAFKA_BROKERS: 'not a broker list', HTTP_PORT: 'eighty' }));
    expect(first.code, first.stderr).toBe(0);
    for (const topic of Object.values(topics)) expect(first.stdout).toMatch(new RegExp(`^${topic}-value +version 1 +id \\d+ +registered`, 'm'));

    const second = await runCli(['schema', 'register', '--json'], '', env(topics));
    expect(second.code, second.stderr).toBe(0);
    const rows = (JSON.parse(second.stdout) as { schemas: Array<{ subject: string; version: number; id: number; changed: boolean }> }).schemas;
    expect(rows.map((r) => [r.subject, r.version, r.changed])).toEqual([
      [`${topics.INPUT_TOPIC}-value`, 1, false], [`${topics.OUTPUT_TOPIC}-value`, 1, false], [`${topics.CAMPAIGN_TOPIC}-value`, 1, false],
    ]);
    for (const row of rows) expect(first.stdout).toMatch(new RegExp(`^${row.subject} +version 1 +id ${row.id} `, 'm'));
    const versions = (await (await registryFetch(`/subjects/${topics.OUTPUT_TOPIC}-value/versions`)).json()) as number[];
    expect(versions).toEqual([1]);
  });
});

describe('schema check against the registry, at every level', () => {
  let plain: string;
  let backwardHistory: string;
  let forwardHistory: string;
  beforeAll(async () => {
    [plain, backwardHistory, forwardHistory] = await Promise.all([
      subjectWith([FILES.v1]), subjectWith([FILES.x, FILES.xyDefault]), subjectWith([FILES.xy, FILES.xyDefault]),
    ]);
  });

  const cases: Array<{ level: string; subject: () => string; file: string; compatible: boolean; issue?: [string, string, string] }> = [
    { level: 'NONE', subject: () => plain, file: FILES.changedType, compatible: true },
    { level: 'BACKWARD', subject: () => plain, file: FILES.removedSymbol, compatible: false, issue: ['backward', 'MISSING_SYMBOLS', 'status'] },
    { level: 'BACKWARD', subject: () => backwardHistory, file: FILES.xy, compatible: true },
    { level: 'BACKWARD_TRANSITIVE', subject: () => backwardHistory, file: FILES.xy, compatible: false, issue: ['backward', 'MISSING_FIELD', 'y'] },
    { level: 'FORWARD', subject: () => plain, file: FILES.removedField, compatible: false, issue: ['forward', 'MISSING_FIELD', 'count'] },
    { level: 'FORWARD', subject: () => forwardHistory, file: FILES.x, compatible: true },
    { level: 'FORWARD_TRANSITIVE', subject: () => forwardHistory, file: FILES.x, compatible: false, issue: ['forward', 'MISSING_FIELD', 'y'] },
    { level: 'FULL', subject: () => plain, file: FILES.changedType, compatible: false, issue: ['backward', 'TYPE_MISMATCH', 'count'] },
    { level: 'FULL_TRANSITIVE', subject: () => forwardHistory, file: FILES.x, compatible: false, issue: ['forward', 'MISSING_FIELD', 'y'] },
  ];
  for (const c of cases) {
    it(`${c.level}: ${c.file.split('/').pop()} is ${c.compatible ? 'compatible (exit 0)' : 'incompatible (exit 1)'}`, async () => {
      const { code, report, stderr } = await check(['--subject', c.subject(), '--file', c.file, '--level', c.level]);
      expect(code, stderr).toBe(c.compatible ? 0 : 1);
      expect(report).toMatchObject({ compatible: c.compatible, level: c.level, levelSource: '--level' });
      if (c.issue) {
        expect(report.issues.map((i) => [i.direction, i.kind, i.path])).toContainEqual(c.issue);
        for (const issue of report.issues) expect(issue.fix.length).toBeGreaterThan(10);
      }
      if (c.level.endsWith('_TRANSITIVE')) expect(report.checkedAgainst).toHaveLength(2);
    });
  }

  it('prints the reasons and fixes for people, with exit 1', async () => {
    const run = await runCli(['schema', 'check', '--subject', plain, '--file', FILES.removedSymbol, '--level', 'BACKWARD'], '', env());
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/INCOMPATIBLE at BACKWARD/);
    expect(run.stdout).toMatch(/enum Status at field 'status' no longer has SHIPPED/);
    expect(run.stdout).toMatch(/fix: keep SHIPPED/);
  });

  it("defaults to the subject's own level", async () => {
    const subject = await subjectWith([FILES.v1]);
    await registryFetch(`/config/${subject}`, { method: 'PUT', headers: json(), body: JSON.stringify({ compatibility: 'FULL' }) });
    // The level comes from RegistryClient.compatLevel; schema check reads no Kafka variable.
    const { code, report } = await check(['--subject', subject, '--file', FILES.removedField], { KAFKA_BROKERS: 'not a broker list' });
    expect(code).toBe(1);
    expect(report.level).toBe('FULL');
    expect(report.levelSource).not.toBe('--level');
  });

  it('a subject that does not exist yet accepts the schema as its first version', async () => {
    const { code, report } = await check(['--subject', `${uniqueName('new')}-value`, '--file', FILES.changedType, '--level', 'FULL_TRANSITIVE']);
    expect(code).toBe(0);
    expect(report).toMatchObject({ compatible: true, subjectExists: false, checkedAgainst: [] });
  });
});

describe('schema check --offline', () => {
  const offline: Array<[string, string, string, number, string?]> = [
    ['removed field without default', FILES.removedField, 'FORWARD', 1, 'MISSING_FIELD'],
    ['removed field without default', FILES.removedField, 'BACKWARD', 0],
    ['removed enum symbol', FILES.removedSymbol, 'BACKWARD_TRANSITIVE', 1, 'MISSING_SYMBOLS'],
    ['removed enum symbol', FILES.removedSymbol, 'FORWARD_TRANSITIVE', 0],
    ['changed type', FILES.changedType, 'FULL', 1, 'TYPE_MISMATCH'],
    ['changed type', FILES.changedType, 'NONE', 0],
  ];
  for (const [change, file, level, exit, kind] of offline) {
    it(`${change} at ${level}: exit ${exit}`, async () => {
      const { code, report, stderr } = await check(['--offline', FILES.v1, file, '--level', level], { SCHEMA_REGISTRY_URL: '', KAFKA_BROKERS: '' });
      expect(code, stderr).toBe(exit);
      if (kind) expect(report.issues.map((i) => i.kind)).toContain(kind);
    });
  }

  it('inlines named types from sibling files, so avro/ schemas check as they are', async () => {
    const { code, report } = await check(['--offline', 'avro/EnrichedConversationCallback.avsc', 'avro/EnrichedConversationCallback.avsc', '--level', 'FULL']);
    expect(code).toBe(0);
    expect(report.compatible).toBe(true);
  });
});

describe('schema check usage and connection errors exit 2', () => {
  it.each([
    ['a file that is not a schema', ['--offline', FILES.v1, join(dir, 'missing.avsc')], {}],
    ['an unknown level', ['--offline', FILES.v1, FILES.v1, '--level', 'SIDEWAYS'], {}],
    ['no --file', ['--subject', 'x-value'], {}],
    ['an unreachable registry', ['--subject', 'x-value', '--file', FILES.v1], { SCHEMA_REGISTRY_URL: 'http://127.0.0.1:9/apis/ccompat/v7' }],
    ['no SCHEMA_REGISTRY_URL', ['--subject', 'x-value', '--file', FILES.v1], { SCHEMA_REGISTRY_URL: '' }],
  ] as Array<[string, string[], Record<string, string>]>)('%s', async (_what, args, extra) => {
    const { code, stderr } = await check(args, extra);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^callback-enricher schema check: /m);
  });
});
