// A system under a steady input rate: the bench sends mix records at `rate` per second (in about
// 20 sends a second) for a while; the system, already running and caught up, keeps pace or not.
import { chunkSizeForRate, createPacer } from '../../src/tools/pace/createPacer.js';
import { caughtUp } from './groupProgress.js';
import type { BenchSetup, InputWriter } from './prepareBenchInput.js';

const MAX_CATCH_UP = 5_000;

export async function sendSteadily(writer: InputWriter, rate: number, durationMs: number): Promise<number> {
  const pacer = createPacer(rate);
  const chunk = chunkSizeForRate(rate, 1_000);
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < durationMs) {
    // Behind schedule (a send took longer than its slot on a busy machine): send what is due at
    // once, so the window still carries its rate on average.
    const due = Math.floor(((performance.now() - started) * rate) / 1000) - sent;
    const count = Math.min(MAX_CATCH_UP, Math.max(chunk, due));
    await pacer.acquire(count);
    await writer.write(count);
    sent += count;
  }
  return sent;
}

/** Resolves once the group has committed everything on the input; throws after `timeoutMs`. */
export async function waitCaughtUp(setup: BenchSetup, groupId: string, topic: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const started = performance.now();
  while (!(await caughtUp(setup.admin, groupId, topic))) {
    if (!alive()) throw new Error('the system exited');
    if (performance.now() - started > timeoutMs) throw new Error(`not caught up within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
