// npm run bench [-- [names...] [--quick] [--profile] [--list]]
// Runs every entry in bench/entries/ (or the named ones), each in its own Node process, and
// writes their figures into BENCHMARKS.md. --profile runs them under `node --cpu-prof`, prints
// what dominates and leaves BENCHMARKS.md alone (profiled figures are slower than real ones).
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchOutcome } from './benchEntry.js';
import { describeMachine, formatMachine } from './lib/describeMachine.js';
import { summarizeCpuProfile } from './lib/summarizeCpuProfile.js';
import { renderSection, upsertSection } from './lib/updateBenchmarksFile.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ENTRIES_DIR = join(BENCH_DIR, 'entries');
const ROOT = join(BENCH_DIR, '..');
const BENCHMARKS_FILE = join(ROOT, 'BENCHMARKS.md');
const PROFILE_DIR = join(ROOT, '.local', 'bench-profiles');

function listEntryFiles(): string[] {
  return readdirSync(ENTRIES_DIR).filter((file) => file.endsWith('.ts')).sort().map((file) => join(ENTRIES_DIR, file));
}

interface ChildResult {
  title: string;
  outcome: BenchOutcome;
}

function runInChild(file: string, flags: { quick: boolean; profileDir?: string }): Promise<ChildResult> {
  // The child gets tsx as a loader and gc() so entries can measure a settled heap.
  const execArgv = ['--import', pathToFileURL(fileURLToPath(import.meta.resolve('tsx'))).href, '--expose-gc'];
  if (flags.profileDir !== undefined) execArgv.push('--cpu-prof', '--cpu-prof-dir', flags.profileDir);
  const child = fork(join(BENCH_DIR, 'runEntry.ts'), [file, ...(flags.quick ? ['--quick'] : [])], { execArgv, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let result: ChildResult | undefined;
    child.on('message', (message) => { result = message as ChildResult; });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`${basename(file)} exited with code ${code} without a result`));
    });
  });
}

function printProfile(dir: string): void {
  // tsx's module hooks run in a worker thread that writes a profile of its own; the entry's
  // main thread is the one with the most samples, i.e. the largest file.
  const profiles = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile')).map((file) => join(dir, file));
  const main = profiles.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (main === undefined) return;
  const { byFunction, byOwner } = summarizeCpuProfile(main);
  console.log(`  profile: ${main}`);
  console.log('  self time by package/folder:');
  for (const share of byOwner) console.log(`    ${share.percent.toFixed(1).padStart(5)}%  ${share.name}`);
  console.log('  self time by function:');
  for (const share of byFunction) console.log(`    ${share.percent.toFixed(1).padStart(5)}%  ${share.name}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // `npm run bench throughput --quick` (without --) hands --quick to npm, which sets npm_config_quick.
  const quick = args.includes('--quick') || process.env.npm_config_quick === 'true';
  const profile = args.includes('--profile');
  const names = args.filter((arg) => !arg.startsWith('--'));
  const files = listEntryFiles().filter((file) => names.length === 0 || names.includes(basename(file, '.ts')));
  if (args.includes('--list') || files.length === 0) {
    console.log(`entries: ${listEntryFiles().map((file) => basename(file, '.ts')).join(', ')}`);
    if (files.length === 0 && names.length > 0) process.exitCode = 2;
    return;
  }
  let failed = false;
  for (const file of files) {
    const name = basename(file, '.ts');
    const machine = formatMachine(describeMachine());
    console.log(`bench ${name}${quick ? ' (quick)' : ''}`);
    const profileDir = profile ? join(PROFILE_DIR, name) : undefined;
    if (profileDir !== undefined) {
      rmSync(profileDir, { recursive: true, force: true });
      mkdirSync(profileDir, { recursive: true });
    }
    let title: string;
    let outcome: BenchOutcome;
    try {
      ({ title, outcome } = await runInChild(file, { quick, profileDir }));
    } catch (error) {
      console.error(`bench ${name} failed: ${(error as Error).message}`);
      failed = true;
      continue;
    }
    if (outcome.status === 'skipped') {
      console.log(`  skipped: ${outcome.reason} (its section in BENCHMARKS.md is kept)`);
      continue;
    }
    console.log(`  ${outcome.report.headline}`);
    for (const figure of outcome.report.figures) console.log(`    ${figure.label}: ${figure.value}`);
    if (profileDir !== undefined) printProfile(profileDir);
    if (quick || profile) continue;
    const current = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : '';
    writeFileSync(BENCHMARKS_FILE, upsertSection(current, name, renderSection(name, title, machine, outcome.report)));
    console.log(`  written to ${BENCHMARKS_FILE}`);
  }
  if (failed) process.exitCode = 1;
}

await main();
