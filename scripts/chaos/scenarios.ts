// The suite: each scenario's workers, feed and faults, in a full and a quick (CI) size.
import type { FuzzExpectation } from './generateFuzzCases.js';
import { checkFuzzExpectations } from './checkFuzzExpectations.js';
import { bounceLeader, churn, freezeWorker, hangRegistry, injectFuzz, killLoop } from './faults.js';
import type { ScenarioSpec } from './runScenario.js';

export const SCENARIO_NAMES = ['kill-loop-alo', 'kill-loop-eos', 'frozen-instance', 'hung-registry', 'broker-failover', 'broker-failover-alo', 'fuzz', 'scale-churn'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Scenarios that stop or freeze a stack process: they run alone. The others only touch their own workers. */
const STACK_FAULTS: readonly ScenarioName[] = ['hung-registry', 'broker-failover', 'broker-failover-alo'];

/**
 * The order of the run as groups run one after the other; a group's scenarios run at once. With
 * `parallel`, the scenarios that fault only their own workers run side by side.
 */
export function planRun(names: readonly ScenarioName[], parallel: boolean): ScenarioName[][] {
  if (!parallel) return names.map((name) => [name]);
  const alone = names.filter((name) => STACK_FAULTS.includes(name));
  const together = names.filter((name) => !STACK_FAULTS.includes(name));
  return [...(together.length > 0 ? [together] : []), ...alone.map((name) => [name])];
}

/** Full: the sizes. Quick: every scenario in a few minutes (CI). */
export function buildScenario(name: ScenarioName, quick: boolean, seed: string): ScenarioSpec {
  const size = <T>(full: T, short: T): T => (quick ? short : full);
  switch (name) {
    case 'kill-loop-alo':
    case 'kill-loop-eos':
      return {
        name,
        guarantee: name === 'kill-loop-eos' ? 'exactly_once' : 'at_least_once',
        partitions: 4,
        sessionTimeoutMs: 10_000,
        workers: ['w1', 'w2'],
        feed: { count: size(24_000, 4_000), perSecond: size(500, 200), seed: `${seed}/${name}` },
        faults: (control) => killLoop(control, { seed: `${seed}/${name}/kills`, kills: size(10, 3), firstAtMs: size(5_000, 3_000) }),
      };
    case 'frozen-instance':
      return {
        name,
        guarantee: 'exactly_once',
        partitions: 4,
        sessionTimeoutMs: 6_000,
        workers: ['w1', 'w2'],
        feed: { count: size(20_000, 4_000), perSecond: size(400, 250), seed: `${seed}/${name}` },
        faults: (control) => freezeWorker(control, { name: 'w1', atMs: size(10_000, 4_000), frozenMs: 15_000 }),
      };
    case 'hung-registry':
      return {
        name,
        guarantee: 'exactly_once',
        partitions: 4,
        sessionTimeoutMs: 6_000,
        workers: ['w1', 'w2'],
        feed: { count: size(20_000, 4_000), perSecond: 300, seed: `${seed}/${name}` },
        faults: (control) => hangRegistry(control, { atMs: size(6_000, 4_000), frozenMs: size(15_000, 10_000), freezes: size(3, 1), evolvedCount: size(2_000, 1_000), perSecond: 200, seed: `${seed}/${name}/evolved` }),
      };
    case 'broker-failover':
    case 'broker-failover-alo':
      return {
        name,
        guarantee: name === 'broker-failover' ? 'exactly_once' : 'at_least_once',
        partitions: 3,
        sessionTimeoutMs: 10_000,
        workers: ['w1', 'w2'],
        feed: { count: size(20_000, 4_000), perSecond: size(400, 250), seed: `${seed}/${name}` },
        faults: (control) => bounceLeader(control, { atMs: size(10_000, 5_000), downMs: size(15_000, 8_000) }),
      };
    case 'fuzz': {
      const expectations = new Map<number, { kind: string; expect: FuzzExpectation }>();
      return {
        name,
        guarantee: 'at_least_once',
        partitions: 4,
        sessionTimeoutMs: 10_000,
        workers: ['w1', 'w2'],
        feed: { count: size(6_000, 1_500), perSecond: 300, seed: `${seed}/${name}` },
        async faults(control) {
          const { label, cases } = await injectFuzz(control, { seed: `${seed}/fuzz`, count: size(2_000, 300), bursts: size(5, 2), gapMs: 2_000 });
          for (const fuzzCase of cases) expectations.set(fuzzCase.id, { kind: fuzzCase.kind, expect: fuzzCase.expect });
          return label;
        },
        verify: (records) => checkFuzzExpectations(records, expectations),
      };
    }
    case 'scale-churn':
      return {
        name,
        guarantee: 'exactly_once',
        partitions: 6,
        sessionTimeoutMs: 10_000,
        workers: ['w1', 'w2', 'w3'],
        feed: { count: size(20_000, 4_000), perSecond: size(400, 250), seed: `${seed}/${name}` },
        faults: (control) => churn(control, { seed: `${seed}/${name}/churn`, steps: size(10, 4), firstAtMs: size(5_000, 3_000) }),
      };
  }
}
