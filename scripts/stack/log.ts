import { readFileSync } from 'node:fs';

/** Progress lines go to stderr so stdout carries only the KEY=value lines of `up`. */
export function say(message: string): void {
  process.stderr.write(`stack: ${message}\n`);
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

/** Written to a process's log before each start (processes.ts); tails begin after the last one. */
export const START_MARKER = '==== stack: starting';

/** The last lines of a log file since the latest start marker, for a process that failed to start. */
export function tailFile(path: string, lines = 40): string {
  try {
    const all = readFileSync(path, 'utf8').trimEnd().split('\n');
    const start = all.findLastIndex((line) => line.includes(START_MARKER));
    return all.slice(Math.max(start + 1, all.length - lines)).join('\n');
  } catch {
    return `(no log at ${path})`;
  }
}
