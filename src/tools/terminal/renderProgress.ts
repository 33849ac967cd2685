// The text of one progress update. Pure, so the bar and the plain line are unit-tested.

export interface ProgressState {
  label: string;
  done: number;
  /** undefined when the end is not known in advance (`tail --follow`, a file being read). */
  total: number | undefined;
  elapsedMs: number;
}

const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatRate(done: number, elapsedMs: number): string {
  return `${formatCount(elapsedMs > 0 ? (done * 1000) / elapsedMs : 0)}/s`;
}

/** `label [#######.............]  35%  3,500/10,000  12,345/s` for a terminal line. */
export function renderProgressBar(state: ProgressState, width = 30): string {
  const rate = formatRate(state.done, state.elapsedMs);
  if (state.total === undefined || state.total <= 0) return `${state.label} ${formatCount(state.done)}  ${rate}`;
  const fraction = Math.min(1, state.done / state.total);
  const filled = Math.round(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${state.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}  ${formatCount(state.done)}/${formatCount(state.total)}  ${rate}`;
}

/** A plain line for logs and pipes: no carriage returns, no bar. */
export function renderProgressLine(state: ProgressState): string {
  const of = state.total === undefined ? '' : `/${formatCount(state.total)}`;
  return `${state.label}: ${formatCount(state.done)}${of} records, ${formatRate(state.done, state.elapsedMs)}`;
}
