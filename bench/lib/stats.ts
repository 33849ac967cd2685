// Distributions from one run: percentiles of latencies, median and spread of repeated figures.

/** The p-th percentile (0–100) of ascending `sorted` values, nearest rank; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // The epsilon keeps float error (0.999 * 2000 = 1998.0000000000002) from moving the rank up one.
  const rank = Math.ceil((p / 100) * sorted.length - 1e-9);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Median (the mean of the middle two for an even count), min and max; NaN for none. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { median, min: sorted[0]!, max: sorted[n - 1]!, runs: n };
}

/** "12,340 (11,900–12,800)": the median and the range of the runs, or just the value for one run. */
export function formatSpread(spread: Spread, format: (value: number) => string): string {
  if (spread.runs === 0) return 'n/a';
  if (spread.runs === 1) return format(spread.median);
  return `${format(spread.median)} (${format(spread.min)}–${format(spread.max)})`;
}
