// Notices that the process that started us has gone. Some launchers do not pass SIGTERM on:
// `npx callback-enricher worker` (npm exec) exits with 143 and leaves its child running with no
// parent. Node has no parent-death signal (prctl PR_SET_PDEATHSIG needs native code), so the
// parent id is checked on a timer: once the process is reparented (to init or a subreaper), the
// parent we had is gone, and the worker stops as if it had been sent SIGTERM.

export interface ParentWatch {
  stop(): void;
}

export interface WatchParentOptions {
  onOrphaned(previousParent: number, currentParent: number): void;
  intervalMs?: number;
  /** The parent's id now; tests pass their own. */
  readParent?: () => number;
}

export const PARENT_CHECK_INTERVAL_MS = 1_000;

/**
 * Watches the parent id from now on. A parent id of 0 or 1 at the start (PID 1 in a container,
 * or started by init itself) cannot change while we live, so there is nothing to watch then.
 */
export function watchParent(options: WatchParentOptions): ParentWatch {
  const readParent = options.readParent ?? (() => process.ppid);
  const first = readParent();
  if (first <= 1) return { stop: () => undefined };
  const timer = setInterval(() => {
    const now = readParent();
    if (now === first) return;
    clearInterval(timer);
    options.onOrphaned(first, now);
  }, options.intervalMs ?? PARENT_CHECK_INTERVAL_MS);
  // The check alone never keeps the process alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
