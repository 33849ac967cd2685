// The interleaved measurement must take turns pass by pass, so that two figures compared with
// each other see the same load, and keep each workload's counts.
import { describe, expect, it } from 'vitest';
import { measureRunsInterleaved } from '../../../bench/lib/measureRuns.js';

describe('measureRunsInterleaved', () => {
  it('runs the workloads in turn, warm-ups first, each with its own set-up, and reports each one', () => {
    const order: string[] = [];
    const workload = (name: string, warmups: number, runs: number) => ({
      items: 10, warmups, runs, clock: 'cpu' as const,
      beforeEach: () => order.push(`${name}:setup`),
      pass: () => { order.push(name); },
    });
    const [a, b] = measureRunsInterleaved([workload('a', 2, 3), workload('b', 1, 2)]);
    expect(order.filter((step) => !step.endsWith(':setup'))).toEqual(['a', 'b', 'a', 'a', 'b', 'a', 'b', 'a']);
    expect(order.filter((step) => step.endsWith(':setup'))).toHaveLength(8);
    expect(a!.rates).toHaveLength(3);
    expect(b!.rates).toHaveLength(2);
    expect(a!.min).toBeLessThanOrEqual(a!.median);
    expect(a!.median).toBeLessThanOrEqual(a!.max);
  });
});
