import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchParent } from '../../../src/cli/watchParent.js';

describe('watchParent', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('reports once when the parent id changes (reparented to init or a subreaper)', () => {
    vi.useFakeTimers();
    let parent = 4242;
    const orphaned = vi.fn();
    watchParent({ onOrphaned: orphaned, intervalMs: 100, readParent: () => parent });
    vi.advanceTimersByTime(500);
    expect(orphaned).not.toHaveBeenCalled();
    parent = 1;
    vi.advanceTimersByTime(100);
    expect(orphaned).toHaveBeenCalledExactlyOnceWith(4242, 1);
    parent = 77;
    vi.advanceTimersByTime(1000);
    expect(orphaned).toHaveBeenCalledTimes(1);
  });

  it('does not watch when started by init or as PID 1 (a container without an init), where the parent cannot go', () => {
    vi.useFakeTimers();
    for (const first of [0, 1]) {
      let parent = first;
      const orphaned = vi.fn();
      watchParent({ onOrphaned: orphaned, intervalMs: 100, readParent: () => parent });
      parent = 99;
      vi.advanceTimersByTime(1000);
      expect(orphaned).not.toHaveBeenCalled();
    }
  });

  it('stops watching when told', () => {
    vi.useFakeTimers();
    let parent = 10;
    const orphaned = vi.fn();
    const watch = watchParent({ onOrphaned: orphaned, intervalMs: 100, readParent: () => parent });
    watch.stop();
    parent = 1;
    vi.advanceTimersByTime(1000);
    expect(orphaned).not.toHaveBeenCalled();
  });
});
