// The contract between bench/run.ts and one benchmark entry (bench/entries/<name>.ts). An entry
// exports `entry`; the runner runs each in its own Node process, so heap figures and JIT state
// of one entry never leak into another, and writes the report into BENCHMARKS.md.

export interface BenchFigure {
  /** What was measured, e.g. "records/s (median of 5 runs)". */
  label: string;
  /** Already formatted for people, e.g. "312,400". */
  value: string;
}

export interface BenchReport {
  /** One sentence: the figure that matters, and how it compares with the goal. */
  headline: string;
  figures: BenchFigure[];
  /** How it was measured: workload, runs, caveats. Written as bullet points. */
  notes?: string[];
  /** Tables with columns of their own (systems side by side), rendered after the figures. */
  tables?: BenchTable[];
}

export interface BenchTable {
  /** A sentence above the table. */
  caption: string;
  columns: string[];
  rows: string[][];
}

export type BenchOutcome =
  | { status: 'ok'; report: BenchReport }
  /** The entry could not run here (no local stack, say): its old section is kept. */
  | { status: 'skipped'; reason: string };

export interface BenchRunOptions {
  /** `--quick`: a small workload that checks the entry works; figures are not written. */
  quick: boolean;
}

export interface BenchEntry {
  /** File name without .ts; also the marker of its section in BENCHMARKS.md. */
  name: string;
  /** Section heading. */
  title: string;
  run(options: BenchRunOptions): Promise<BenchOutcome>;
}
