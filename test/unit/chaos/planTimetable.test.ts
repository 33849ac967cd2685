import { describe, expect, it } from 'vitest';
import { planChurn, planFaultTimes } from '../../../scripts/chaos/planTimetable.js';

describe('planFaultTimes', () => {
  it('spaces the faults within the bounds, from the first moment on', () => {
    const times = planFaultTimes({ seed: 's', count: 50, firstAtMs: 8000, minGapMs: 2000, maxGapMs: 6000 });
    expect(times).toHaveLength(50);
    expect(times[0]).toBe(8000);
    for (let i = 1; i < times.length; i += 1) {
      const gap = (times[i] as number) - (times[i - 1] as number);
      expect(gap).toBeGreaterThanOrEqual(2000);
      expect(gap).toBeLessThanOrEqual(6000);
    }
  });

  it('gives the same timetable for the same seed and another for another seed', () => {
    const plan = (seed: string) => planFaultTimes({ seed, count: 8, firstAtMs: 0, minGapMs: 2000, maxGapMs: 6000 });
    expect(plan('a')).toEqual(plan('a'));
    expect(plan('a')).not.toEqual(plan('b'));
  });
});

describe('planChurn', () => {
  it('alternates leave and join', () => {
    const steps = planChurn({ seed: 's', steps: 5, firstAtMs: 1000, minGapMs: 3000, maxGapMs: 6000 });
    expect(steps.map((step) => step.action)).toEqual(['leave', 'join', 'leave', 'join', 'leave']);
    expect(steps[0]?.atMs).toBe(1000);
  });
});
