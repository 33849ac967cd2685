import { describe, expect, it } from 'vitest';
import { parseChaosArgs } from '../../../scripts/chaos/parseChaosArgs.js';
import { nodeAtLeast } from '../../../scripts/chaos/resolveNodeLaunch.js';
import { SCENARIO_NAMES, planRun } from '../../../scripts/chaos/scenarios.js';

describe('parseChaosArgs', () => {
  it('runs every scenario on kafkajs by default', () => {
    expect(parseChaosArgs([], 'seed')).toEqual({ quick: false, parallel: false, scenarios: [...SCENARIO_NAMES], client: 'kafkajs', keepStack: false, seed: 'seed', help: false });
  });

  it('reads the options', () => {
    expect(parseChaosArgs(['--quick', '--scenario', 'fuzz', '--scenario', 'hung-registry', '--client', 'platformatic', '--keep-stack', '--seed', '7'], 'd'))
      .toEqual({ quick: true, parallel: false, scenarios: ['fuzz', 'hung-registry'], client: 'platformatic', keepStack: true, seed: '7', help: false });
  });

  it('answers a usage error for an unknown scenario, client or option', () => {
    expect(parseChaosArgs(['--scenario', 'nope'], 'd')).toMatch(/--scenario must be one of/);
    expect(parseChaosArgs(['--client', 'rdkafka'], 'd')).toMatch(/--client must be/);
    expect(parseChaosArgs(['--fast'], 'd')).toBe('unknown option --fast');
  });
});

describe('nodeAtLeast', () => {
  it('compares major and minor', () => {
    expect(nodeAtLeast('v22.22.0', 22, 22)).toBe(true);
    expect(nodeAtLeast('v22.21.9', 22, 22)).toBe(false);
    expect(nodeAtLeast('24.1.0', 22, 22)).toBe(true);
    expect(nodeAtLeast('v20.20.2', 22, 22)).toBe(false);
  });
});

describe('planRun', () => {
  it('runs every scenario alone by default', () => {
    expect(planRun(['kill-loop-alo', 'hung-registry'], false)).toEqual([['kill-loop-alo'], ['hung-registry']]);
  });

  it('runs the worker-only scenarios side by side with --parallel, the stack faults alone after them', () => {
    expect(planRun([...SCENARIO_NAMES], true)).toEqual([
      ['kill-loop-alo', 'kill-loop-eos', 'frozen-instance', 'fuzz', 'scale-churn'],
      ['hung-registry'],
      ['broker-failover'],
      ['broker-failover-alo'],
    ]);
  });
});
