import { describe, expect, it } from 'vitest';
import { longestGapAfterFault } from '../../../scripts/chaos/longestGapAfterFault.js';

describe('longestGapAfterFault', () => {
  it('is 0 without faults', () => {
    expect(longestGapAfterFault([1, 50, 100], [])).toBe(0);
  });

  it('measures from the fault to the first record after it, and between records after it', () => {
    // The 80 ms before the fault at 100 do not count; 100→130 does, 130→135 is shorter.
    expect(longestGapAfterFault([0, 80, 90, 130, 135], [100])).toBe(30);
  });

  it('takes the longest stretch across several faults', () => {
    expect(longestGapAfterFault([0, 10, 20, 90, 95], [15, 50])).toBe(70);
  });

  it('counts the time after the last record only when the run ended in a stall', () => {
    expect(longestGapAfterFault([0, 10, 30], [20])).toBe(10);
    expect(longestGapAfterFault([0, 10, 30], [20], 95)).toBe(65);
    expect(longestGapAfterFault([0, 10], [20], 65)).toBe(45);
    expect(longestGapAfterFault([0, 10], [20])).toBe(0);
  });

  it('does not depend on the order of its inputs', () => {
    expect(longestGapAfterFault([135, 90, 130, 0], [100])).toBe(30);
  });
});
