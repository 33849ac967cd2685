import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { StackError } from './errors.js';
import { say } from './log.js';
import type { StackPaths } from './paths.js';
import { isPidAlive } from './processes.js';

function holder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return isPidAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One `up` (or `down`) at a time per stack folder: test runs started side by side wait for the
 * first one's stack instead of starting a second. A lock whose holder died is taken over.
 */
export async function acquireLock(paths: StackPaths, timeoutMs = 300_000): Promise<() => void> {
  mkdirSync(paths.run, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(paths.lockFile, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(paths.lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = holder(paths.lockFile);
    if (pid === undefined || pid === process.pid) {
      rmSync(paths.lockFile, { force: true });
      continue;
    }
    if (!announced) {
      say(`waiting for another stack command (pid ${pid}) to finish`);
      announced = true;
    }
    if (Date.now() > deadline) throw new StackError(`${paths.lockFile} is held by pid ${pid} for too long`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
