import { readFileSync } from 'node:fs';

/** Progress lines go to stderr so stdout carries only the KEY=value lines of `up`. */
export function say(message: string): void {
  process.stderr.write(`stack: ${message}\n`);
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

/** The last lines of a log file, for a process that died while starting. */
export function tailFile(path: string, lines = 40): string {
  try {
    const text = readFileSync(path, 'utf8');
    return text.split('\n').slice(-lines - 1).join('\n').trimEnd();
  } catch {
    return `(no log at ${path})`;
  }
}
