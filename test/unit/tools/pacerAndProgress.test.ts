import { describe, expect, it } from 'vitest';
import { chunkSizeForRate, createPacer } from '../../../src/tools/pace/createPacer.js';
import { createProgress } from '../../../src/tools/terminal/createProgress.js';
import { renderProgressBar, renderProgressLine } from '../../../src/tools/terminal/renderProgress.js';

function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return { sleeps, advance: (ms: number) => { now += ms; }, now: () => now, sleep: async (ms: number) => { sleeps.push(ms); now += ms; } };
}

describe('createPacer', () => {
  it('spaces sends so that n records take n / rate seconds', async () => {
    const clock = fakeClock();
    const pacer = createPacer(100, clock);
    for (let i = 0; i < 10; i += 1) await pacer.acquire(10);
    // 100 records at 100/s: the 10th batch of 10 is due at 0.9 s.
    expect(clock.now()).toBe(900);
  });

  it('lets a slow sender catch up without sleeping, but no further than the rate', async () => {
    const clock = fakeClock();
    const pacer = createPacer(10, clock);
    await pacer.acquire(5);
    clock.advance(2000); // a slow send: 20 records' worth of time passed
    await pacer.acquire(5);
    expect(clock.sleeps).toEqual([]);
    await pacer.acquire(30);
    await pacer.acquire(1);
    expect(clock.now()).toBe(4000); // 40 records granted before it: due at 4 s
  });

  it('rejects a rate that is not positive', () => {
    expect(() => createPacer(0)).toThrow(RangeError);
  });

  it('chunks about 20 sends a second, at least one record', () => {
    expect(chunkSizeForRate(1000, 5000)).toBe(50);
    expect(chunkSizeForRate(5, 5000)).toBe(1);
    expect(chunkSizeForRate(10_000_000, 5000)).toBe(5000);
  });
});

describe('progress', () => {
  it('draws a bar with percent, counts and rate', () => {
    expect(renderProgressBar({ label: 'produce', done: 2500, total: 10_000, elapsedMs: 500 }, 20))
      .toBe('produce [#####...............]  25%  2,500/10,000  5,000/s');
  });

  it('writes plain lines without control codes when not on a TTY', () => {
    let now = 0;
    const written: string[] = [];
    const stream = { write: (s: string) => { written.push(s); return true; } } as unknown as NodeJS.WritableStream;
    const progress = createProgress({ stream, label: 'replay', total: 100, now: () => now });
    progress.update(10);
    now = 1000;
    progress.update(20); // too soon after the last line
    now = 6000;
    progress.update(60);
    progress.finish(100);
    expect(written).toEqual(['replay: 10/100 records, 0/s\n', 'replay: 60/100 records, 10/s\n', 'replay: 100/100 records, 17/s\n']);
    expect(written.join('')).not.toContain('\r');
  });

  it('redraws in place on a TTY', () => {
    const written: string[] = [];
    const stream = { isTTY: true, write: (s: string) => { written.push(s); return true; } } as unknown as NodeJS.WritableStream;
    const progress = createProgress({ stream, label: 'p', total: 4, now: () => 1000 });
    progress.finish(4);
    expect(written[0]).toMatch(/^\r\u001b\[2Kp \[#+\] 100%  4\/4 {2}0\/s\n$/);
  });

  it('prints nothing when disabled', () => {
    const written: string[] = [];
    const stream = { write: (s: string) => { written.push(s); return true; } } as unknown as NodeJS.WritableStream;
    const progress = createProgress({ stream, label: 'p', total: 4, enabled: false });
    progress.update(1);
    progress.finish(4);
    expect(written).toEqual([]);
  });

  it('plain line without a known total', () => {
    expect(renderProgressLine({ label: 'tail', done: 3, total: undefined, elapsedMs: 1000 })).toBe('tail: 3 records, 3/s');
  });
});
