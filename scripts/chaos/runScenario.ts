// One scenario from start to verdict: topics, workers, a feed of valid records, the faults going
// on meanwhile, the drain (or the stall), the read-back and the books.
import type { StreamAdmin } from '../../src/kafka/streamClient.js';
import type { WriterCodecs } from '../../src/tools/generate/encodeEvent.js';
import { accountRecords } from './accountRecords.js';
import type { FuzzVerdict } from './checkFuzzExpectations.js';
import { createFeeder, type FeedOptions, type Feeder } from './createFeeder.js';
import type { ScenarioOutcome } from './judgeScenario.js';
import { longestGapAfterFault } from './longestGapAfterFault.js';
import type { ReadRecord } from './readRecord.js';
import {
  awaitDrain, connectAdmin, createScenarioTopics, processingTimes, readBack, scenarioLogDir, scenarioTopics, workerEnv,
  type ChaosContext, type Guarantee, type ScenarioTopics,
} from './scenarioKit.js';
import { createFleet, type Fleet } from './workerFleet.js';

export interface FaultControl {
  context: ChaosContext;
  fleet: Fleet;
  feeder: Feeder;
  codecs: WriterCodecs;
  topics: ScenarioTopics;
  admin: StreamAdmin;
  /** Records the moment a fault begins (for the gap figure) and logs it. */
  markFault(label: string): void;
  /** Input records written outside the feeder (fuzz), acknowledged by the broker. */
  countInput(records: number): void;
}

export interface ScenarioSpec {
  name: string;
  guarantee: Guarantee;
  partitions: number;
  sessionTimeoutMs: number;
  workers: string[];
  feed: FeedOptions;
  /** Injects the faults while the feed runs; answers the "faults" column. */
  faults(control: FaultControl): Promise<string>;
  /** Checks the records against what the scenario wrote (fuzz). */
  verify?(records: readonly ReadRecord[]): FuzzVerdict;
}

export async function runScenario(context: ChaosContext, spec: ScenarioSpec): Promise<ScenarioOutcome> {
  const topics = scenarioTopics(context, spec.name);
  const admin = connectAdmin(context);
  await admin.connect();
  const errors: string[] = [];
  const faultTimes: number[] = [];
  let faultsLabel = 'none';
  let otherInput = 0;
  const fleet = createFleet({ env: workerEnv(context, topics, spec.guarantee, spec.sessionTimeoutMs), logDir: scenarioLogDir(context, spec.name), launch: context.launch });
  const feeder = await createFeeder(context.stack.env, topics.input, (line) => context.log(`${spec.name}: ${line}`));
  let drainProblem: string | undefined;
  let endedAt = Date.now();
  try {
    await createScenarioTopics(admin, topics, spec.partitions);
    const codecs = await feeder.register({ evolved: false });
    for (const name of spec.workers) fleet.start(name);
    const started = await Promise.all(spec.workers.map((name) => fleet.whenConsuming(name)));
    if (started.includes(false)) errors.push(`not every worker was consuming within 90 s of its start (${spec.workers.filter((_, i) => !started[i]).join(', ')})`);
    context.log(`${spec.name}: ${spec.workers.length} workers, ${spec.guarantee}, feeding ${spec.feed.count} records at ${spec.feed.perSecond}/s (logs: ${scenarioLogDir(context, spec.name)})`);
    let inputDone = false;
    const feed = feeder.feed(codecs, spec.feed);
    const control: FaultControl = {
      context, fleet, feeder, codecs, topics, admin,
      markFault(label) {
        faultTimes.push(Date.now());
        context.log(`${spec.name}: ${label} (fed ${feed.written()})`);
      },
      countInput(records) {
        otherInput += records;
      },
    };
    const work = Promise.allSettled([feed.done, spec.faults(control)]).then(([fed, faulted]) => {
      inputDone = true;
      if (fed.status === 'rejected') errors.push(`the feed failed: ${(fed.reason as Error).message}`);
      if (faulted.status === 'rejected') errors.push(`fault injection failed: ${(faulted.reason as Error).message}`);
      else faultsLabel = faulted.value;
    });
    const drain = await awaitDrain(admin, topics, { feeding: () => !inputDone, stallMs: context.stallMs, timeoutMs: context.quick ? 180_000 : 900_000 });
    endedAt = Date.now();
    if (!drain.drained) {
      drainProblem = drain.problem;
      context.log(`${spec.name}: ${drain.problem}`);
    }
    await work;
  } finally {
    await fleet.stopAll();
    await feeder.close();
    await admin.disconnect();
  }
  const records = await readBack(context, topics);
  const accounting = accountRecords(records);
  // The books start from what the input topic holds; it must hold at least what was acknowledged.
  const acknowledged = feeder.acknowledged() + otherInput;
  if (accounting.records < acknowledged) {
    errors.push(`the input topic holds ${accounting.records} records, ${acknowledged - accounting.records} fewer than the broker acknowledged to the producers: acknowledged writes were lost (the project's KafkaJS producer adapter, not the worker)`);
  }
  return {
    name: spec.name,
    guarantee: spec.guarantee,
    client: context.client,
    faults: faultsLabel,
    accounting,
    gapMs: longestGapAfterFault(processingTimes(records), faultTimes, drainProblem ? endedAt : undefined),
    ...(drainProblem ? { drainProblem } : {}),
    crashes: fleet.crashes(),
    ...(spec.verify ? { fuzz: spec.verify(records) } : {}),
    errors,
  };
}
