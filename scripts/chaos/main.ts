// `npm run chaos`: the fault suite on a private stack of its own. Workers are started as a user
// starts them; an outside read_committed reader (Python confluent-kafka + fastavro) counts what
// came out by source offset. Prints a table; exits 1 on any loss, exactly-once duplicate,
// undecodable output, stall or crash.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chaosStackDir, upChaosStack, type ChaosStack } from './chaosStack.js';
import { formatTable, judgeScenario, tableRow } from './judgeScenario.js';
import { CHAOS_USAGE, parseChaosArgs } from './parseChaosArgs.js';
import { ensurePythonEnv } from './pythonEnv.js';
import { resolveNodeLaunch } from './resolveNodeLaunch.js';
import { runScenario } from './runScenario.js';
import { buildScenario, planRun, type ScenarioName } from './scenarios.js';
import type { ChaosContext } from './scenarioKit.js';

const log = (line: string): void => { process.stderr.write(`chaos ${new Date().toISOString().slice(11, 19)} ${line}\n`); };

async function main(): Promise<number> {
  const startedAt = new Date();
  const options = parseChaosArgs(process.argv.slice(2), startedAt.toISOString().slice(0, 10));
  if (typeof options === 'string') {
    process.stderr.write(`chaos: ${options}\n\n${CHAOS_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${CHAOS_USAGE}\n`);
    return 0;
  }
  const launch = await resolveNodeLaunch(options.client);
  if (typeof launch === 'string') {
    log(`SKIPPED (--client ${options.client}): ${launch}`);
    return 0;
  }
  const dir = chaosStackDir();
  let stack: ChaosStack | undefined;
  let tearingDown = false;
  const tearDown = async (): Promise<void> => {
    if (tearingDown || !stack) return;
    tearingDown = true;
    if (options.keepStack) {
      log(`keeping the stack in ${dir} (STACK_DIR=${dir} npm run stack:down -- --clean stops it)`);
      return;
    }
    log('stopping the private stack');
    await stack.down();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: tearing down`);
      void tearDown().finally(() => process.exit(130));
    });
  }
  try {
    log(`private 3-broker stack in ${dir}`);
    stack = await upChaosStack(dir);
    const python = await ensurePythonEnv(dir, log);
    const runId = `${Date.now().toString(36)}`;
    const logRoot = join(dir, 'chaos-logs', runId);
    const context: ChaosContext = {
      stack, python, launch, client: options.client, quick: options.quick, runId, logRoot,
      stallMs: options.quick ? 45_000 : 90_000,
      log,
    };
    log(`workers on ${launch.label}, KAFKA_CLIENT=${options.client}, seed ${options.seed}${options.quick ? ', quick' : ''}; worker logs in ${logRoot}`);
    const results = new Map<string, { row: string[]; failure?: string }>();
    const runOne = async (name: ScenarioName): Promise<void> => {
      const since = Date.now();
      let outcome: Awaited<ReturnType<typeof runScenario>>;
      try {
        outcome = await runScenario(context, buildScenario(name, options.quick, options.seed));
      } catch (error) {
        // One scenario the harness could not run fails alone; the others still report.
        log(`${name}: FAIL: the harness could not run it: ${(error as Error)?.stack ?? String(error)}`);
        results.set(name, { row: [name, '', options.client, '', '', '', '', '', '', 'FAIL'], failure: `${name}: harness error: ${(error as Error)?.message ?? String(error)}` });
        return;
      }
      const verdict = judgeScenario(outcome);
      log(`${name}: ${verdict.pass ? 'PASS' : 'FAIL'} in ${Math.round((Date.now() - since) / 1000)} s${verdict.pass ? '' : `: ${verdict.reasons.join('; ')}`}`);
      if (outcome.fuzz) log(`${name}: ${outcome.fuzz.checked} fuzz outcomes checked, ${outcome.fuzz.wrong} wrong`);
      results.set(name, { row: tableRow(outcome, verdict), ...(verdict.pass ? {} : { failure: `${name}: ${verdict.reasons.join('; ')}` }) });
    };
    for (const group of planRun(options.scenarios, options.parallel)) await Promise.all(group.map(runOne));
    const rows = options.scenarios.map((name) => results.get(name)?.row ?? []);
    const failures = options.scenarios.flatMap((name) => results.get(name)?.failure ?? []);
    const command = `npm run chaos${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
    const report = `${formatTable(rows)}\n\n${startedAt.toISOString()} · \`${command}\` · ${launch.label}\n`;
    process.stdout.write(`\n${report}`);
    if (failures.length > 0) process.stdout.write(`\nFAILED:\n${failures.map((line) => `- ${line}`).join('\n')}\n`);
    mkdirSync(logRoot, { recursive: true });
    writeFileSync(join(logRoot, 'report.md'), `${report}${failures.length > 0 ? `\nFAILED:\n${failures.map((line) => `- ${line}`).join('\n')}\n` : ''}`);
    process.stdout.write(`\n${rows.length - failures.length} passed, ${failures.length} failed\n`);
    return failures.length > 0 ? 1 : 0;
  } finally {
    await tearDown();
  }
}

main().then(
  (code) => { process.exit(code); },
  (error: unknown) => {
    process.stderr.write(`chaos: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
