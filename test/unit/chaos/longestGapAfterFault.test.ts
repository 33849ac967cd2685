import { describe, expect, it } from 'vitest';
import { longestGapAfterFault } from '../../../scripts/chaos/longestGapAfterFault.js';

describe('longestGapAfterFault', () => {
  it('is 0 without faults', () => {
    expect(longestGapAfterFault([1, 50, 100], [], 200)).toBe(0);
  });

  it('measures from the fault to the first record after it, and between records after it', () => {
    // A gap of 80 before the fault does not count; 10→40 after the fault at 10 is 30; 40→45 is 5.
    expect(longestGapAfterFault([0, 80, 90, 130, 135], [100], 200)).toBe(30);
  });

  it('takes the longest stretch across several faults', () => {
    expect(longestGapAfterFault([0, 10, 20, 90, 95], [15, 50], 100)).toBe(70);
  });

  it('is the time to the end when nothing was processed after the fault', () => {
    expect(longestGapAfterFault([0, 10], [20], 65)).toBe(45);
  });

  it('does not depend on the order of its inputs', () => {
    expect(longestGapAfterFault([135, 90, 130, 0], [100], 200)).toBe(30);
  });
});
