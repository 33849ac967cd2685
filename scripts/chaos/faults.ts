// The faults the scenarios inject, each given the scenario's controls. They await conditions
// (a worker's exit, a broker answering again) and sleep only where the timetable says so.
import { generateEvents } from '../../src/tools/generate/generateEvents.js';
import { encodeEvent } from '../../src/tools/generate/encodeEvent.js';
import { generateFuzzCases, toRawLine, type FuzzCase } from './generateFuzzCases.js';
import { planChurn, planFaultTimes } from './planTimetable.js';
import type { FaultControl } from './runScenario.js';
import { sleep } from './scenarioKit.js';

/** Waits until `atMs` after `start` (the timetable's clock). */
const until = (start: number, atMs: number): Promise<void> => sleep(Math.max(0, start + atMs - Date.now()));

/**
 * SIGKILL a worker `kills` times and start it again at once (same instance id). Each kill comes
 * 2-6 s (the timetable's gaps) after the victim is back at work: on a slow machine a restart can
 * take longer than the gap, and a worker killed the moment it joins never processes anything,
 * which would test the machine's speed, not the worker.
 */
export async function killLoop(control: FaultControl, options: { seed: string; kills: number; firstAtMs: number }): Promise<string> {
  const times = planFaultTimes({ seed: options.seed, count: options.kills, firstAtMs: options.firstAtMs, minGapMs: 2000, maxGapMs: 6000 });
  // Each worker in turn, so every instance dies (and comes back) several times.
  const names = [...control.fleet.running()].sort();
  for (const [index, atMs] of times.entries()) {
    const victim = names[index % names.length] as string;
    await control.fleet.whenConsuming(victim, 90_000);
    await sleep(atMs - (times[index - 1] ?? 0));
    control.markFault(`SIGKILL ${victim} (${index + 1}/${times.length})`);
    await control.fleet.kill(victim);
    control.fleet.start(victim);
  }
  return `${times.length} × SIGKILL`;
}

/** SIGSTOP one worker for `frozenMs` (past its session timeout), then SIGCONT. */
export async function freezeWorker(control: FaultControl, options: { name: string; atMs: number; frozenMs: number }): Promise<string> {
  await sleep(options.atMs);
  control.markFault(`SIGSTOP ${options.name} for ${options.frozenMs / 1000} s`);
  control.fleet.freeze(options.name);
  try {
    await sleep(options.frozenMs);
  } finally {
    control.fleet.thaw(options.name);
  }
  control.context.log(`SIGCONT ${options.name}`);
  return `SIGSTOP 1 worker ${options.frozenMs / 1000} s`;
}

/**
 * `freezes` times: a new writer schema the workers have not seen is registered, then the registry
 * is frozen (SIGSTOP: connections accepted, nothing answered) while records written with that
 * schema arrive; after `frozenMs` it goes on (SIGCONT).
 */
export async function hangRegistry(control: FaultControl, options: { atMs: number; frozenMs: number; freezes: number; evolvedCount: number; perSecond: number; seed: string }): Promise<string> {
  for (let round = 1; round <= options.freezes; round += 1) {
    await sleep(options.atMs);
    const codecs = await control.feeder.registerFresh(control.codecs, `${control.context.runId}_${round}`);
    control.markFault(`registry frozen for ${options.frozenMs / 1000} s (${round}/${options.freezes}; new writer schema id ${codecs.evolved?.schemaId})`);
    control.context.stack.freeze('registry');
    try {
      const feed = control.feeder.feed(codecs, { count: options.evolvedCount, perSecond: options.perSecond, seed: `${options.seed}/${round}`, ratios: { unknownEnum: 0, evolved: 1, poison: 0 } });
      await sleep(options.frozenMs);
      control.context.stack.thaw('registry');
      control.context.log('registry thawed');
      await feed.done;
    } finally {
      control.context.stack.thaw('registry');
    }
  }
  return `${options.freezes} × registry SIGSTOP ${options.frozenMs / 1000} s`;
}

/** Kills (SIGKILL) the broker that leads most input partitions, and starts it again after `downMs`. */
export async function bounceLeader(control: FaultControl, options: { atMs: number; downMs: number }): Promise<string> {
  await sleep(options.atMs);
  const leaders = JSON.parse(await control.context.python.runScript('leaders.py', ['--brokers', control.context.stack.env.KAFKA_BROKERS as string, '--topic', control.topics.input])) as Record<string, number>;
  const counts = new Map<number, number>();
  for (const leader of Object.values(leaders)) counts.set(leader, (counts.get(leader) ?? 0) + 1);
  const [leader] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [number, number];
  control.markFault(`SIGKILL broker-${leader}, leader of input partitions ${JSON.stringify(leaders)}`);
  await control.context.stack.stop(`broker-${leader}`, { hard: true });
  await sleep(options.downMs);
  await control.context.stack.start(`broker-${leader}`);
  control.context.log(`broker-${leader} is back`);
  return `leader broker SIGKILLed, back after ${options.downMs / 1000} s`;
}

/** Valid values and the UTF-8 carrier for the fuzz cases, from the project's generator. */
function fuzzMaterial(control: FaultControl, seed: string): { valid: Buffer[]; carrier: Buffer; marker: Buffer } {
  const valid = control.feeder.sample(control.codecs, 50, `${seed}/valid`);
  const marker = Buffer.from('CHAOS-UTF8-MARKER');
  const [event] = [...generateEvents({ seed: `${seed}/carrier`, count: 1, baseTime: Date.now(), campaigns: [], ratios: { unknownEnum: 0, evolved: 0, poison: 0 } })];
  if (!event) throw new Error('the generator gave no event');
  const carrier = encodeEvent({ ...event, kind: 'canonical', callback: { ...event.callback, callbackUserName: marker.toString('ascii') } }, control.codecs);
  return { valid, carrier, marker };
}

/** Writes the fuzz cases with confluent-kafka (it can write null header values), in a few bursts. */
export async function injectFuzz(control: FaultControl, options: { seed: string; count: number; bursts: number; gapMs: number }): Promise<{ label: string; cases: FuzzCase[] }> {
  const material = fuzzMaterial(control, options.seed);
  const cases = [...generateFuzzCases({ seed: options.seed, count: options.count, valid: material.valid, utf8Carrier: { value: material.carrier, marker: material.marker } })];
  const perBurst = Math.ceil(cases.length / options.bursts);
  for (let at = 0; at < cases.length; at += perBurst) {
    await sleep(options.gapMs);
    control.markFault(`fuzz burst of ${Math.min(perBurst, cases.length - at)} records`);
    const lines = cases.slice(at, at + perBurst).map((fuzzCase) => toRawLine(fuzzCase)).join('\n');
    const result = JSON.parse(await control.context.python.runScript('produce_raw.py', ['--brokers', control.context.stack.env.KAFKA_BROKERS as string, '--topic', control.topics.input], lines)) as { produced: number; failed: number; errors: string[] };
    if (result.failed > 0) throw new Error(`the broker refused ${result.failed} fuzz records: ${result.errors.join('; ')}`);
    control.countInput(result.produced);
  }
  return { label: `${cases.length} fuzzed records`, cases };
}

/** One worker leaves (SIGTERM) and one joins, alternately, on the timetable. */
export async function churn(control: FaultControl, options: { seed: string; steps: number; firstAtMs: number }): Promise<string> {
  const start = Date.now();
  let next = control.fleet.running().length + 1;
  for (const step of planChurn({ seed: options.seed, steps: options.steps, firstAtMs: options.firstAtMs, minGapMs: 3000, maxGapMs: 6000 })) {
    await until(start, step.atMs);
    if (step.action === 'leave') {
      const [oldest] = control.fleet.running();
      if (oldest === undefined) continue;
      control.markFault(`SIGTERM ${oldest} (leaves)`);
      await control.fleet.stop(oldest);
    } else {
      const name = `w${next}`;
      next += 1;
      control.markFault(`${name} joins`);
      control.fleet.start(name);
    }
  }
  // A rolling deploy can stop a pod while it starts: SIGTERM a new worker between its campaign
  // table and its group join, then let another take its place.
  const starting = `w${next}`;
  control.fleet.start(starting);
  if (await control.fleet.whenLogged(starting, STARTING_MARK)) {
    control.markFault(`SIGTERM ${starting} during its start`);
    await control.fleet.stop(starting);
  } else {
    control.context.log(`${starting} never logged its campaign table; it is stopped at the end instead`);
  }
  control.fleet.start(`w${next + 1}`);
  return `${options.steps} leave/join steps, 1 SIGTERM during start-up`;
}

/** Logged by the worker once its campaign table is loaded, just before it joins its group. */
const STARTING_MARK = '"msg":"campaign table loaded"';
