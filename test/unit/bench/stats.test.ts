import { describe, expect, it } from 'vitest';
import { formatSpread, percentile, spreadOf } from '../../../bench/lib/stats.js';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('gives the value below which p % of the sample lies', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('takes the largest value for p99.9 of a small sample instead of inventing one', () => {
    expect(percentile([3, 5, 8, 13], 99.9)).toBe(13);
    expect(percentile(Array.from({ length: 2000 }, (_, i) => i), 99.9)).toBe(1997);
  });

  it('is NaN without samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('spreadOf', () => {
  it('gives the median of an odd count, and the mean of the middle two of an even count', () => {
    expect(spreadOf([9, 1, 5])).toEqual({ median: 5, min: 1, max: 9, runs: 3 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];
    spreadOf(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('formats one run as its value and several as median with the range', () => {
    const round = (v: number): string => String(Math.round(v));
    expect(formatSpread(spreadOf([7]), round)).toBe('7');
    expect(formatSpread(spreadOf([7, 9, 8]), round)).toBe('8 (7–9)');
    expect(formatSpread(spreadOf([]), round)).toBe('n/a');
  });
});
