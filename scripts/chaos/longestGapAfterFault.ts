// "Longest processing gap after a fault": how long the output stood still once faults began.
// Pure: the processing times the reader found (output processedAt, DLQ failed-at), the moments
// faults were injected, and when the run ended.

/**
 * The longest stretch without a processed record from the first fault on, in ms: between two
 * consecutive records (the first stretch measured from the fault itself). When nothing at all was
 * processed after the first fault, the whole time until `end`. 0 when there were no faults.
 */
export function longestGapAfterFault(times: readonly number[], faults: readonly number[], end: number): number {
  if (faults.length === 0) return 0;
  const firstFault = Math.min(...faults);
  const after = times.filter((time) => time > firstFault).sort((a, b) => a - b);
  if (after.length === 0) return Math.max(0, end - firstFault);
  let longest = 0;
  let previous = firstFault;
  for (const time of after) {
    longest = Math.max(longest, time - previous);
    previous = time;
  }
  return longest;
}
