// Progress on stderr (stdout stays for results and --json): a bar redrawn in place on a TTY,
// a plain line every few seconds otherwise, so CI logs get a heartbeat and no control codes.
import { renderProgressBar, renderProgressLine } from './renderProgress.js';

export interface Progress {
  update(done: number): void;
  /** Draws the final state and ends the line. */
  finish(done: number): void;
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream;
  label: string;
  total: number | undefined;
  now?: () => number;
  /** Off: nothing is printed (`--json`, `--quiet`). */
  enabled?: boolean;
}

const TTY_REDRAW_MS = 100;
const PLAIN_LINE_MS = 5_000;

export function createProgress(options: ProgressOptions): Progress {
  const { stream, label, total, now = Date.now, enabled = true } = options;
  const isTty = (stream as NodeJS.WritableStream & { isTTY?: boolean }).isTTY === true;
  const startedAt = now();
  let lastDrawnAt = Number.NEGATIVE_INFINITY;

  const draw = (done: number, final: boolean): void => {
    const state = { label, done, total, elapsedMs: now() - startedAt };
    if (isTty) stream.write(`\r\u001b[2K${renderProgressBar(state)}${final ? '\n' : ''}`);
    else stream.write(`${renderProgressLine(state)}\n`);
  };

  return {
    update(done) {
      if (!enabled) return;
      const at = now();
      if (at - lastDrawnAt < (isTty ? TTY_REDRAW_MS : PLAIN_LINE_MS)) return;
      lastDrawnAt = at;
      draw(done, false);
    },
    finish(done) {
      if (enabled) draw(done, true);
    },
  };
}
