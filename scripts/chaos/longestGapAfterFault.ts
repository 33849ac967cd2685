// "Longest processing gap after a fault": how long the output stood still once faults began.
// Pure: the processing times the reader found (output processedAt, DLQ failed-at) and the moments
// faults were injected.

/**
 * The longest stretch without a processed record from the first fault on, in ms: between two
 * consecutive records, the first stretch measured from the fault itself. `stalledUntil` is set
 * when the run ended in a stall: the stretch from the last record to it counts too (without it,
 * the time after the last record is idle, not a gap: the input was all processed). 0 when there
 * were no faults.
 */
export function longestGapAfterFault(times: readonly number[], faults: readonly number[], stalledUntil?: number): number {
  if (faults.length === 0) return 0;
  const firstFault = Math.min(...faults);
  const after = times.filter((time) => time > firstFault).sort((a, b) => a - b);
  if (stalledUntil !== undefined) after.push(Math.max(stalledUntil, after.at(-1) ?? firstFault));
  let longest = 0;
  let previous = firstFault;
  for (const time of after) {
    longest = Math.max(longest, time - previous);
    previous = time;
  }
  return longest;
}
