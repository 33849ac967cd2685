import { describe, expect, it } from 'vitest';
import { parseCpuTicks, parseStatusKiB, readCpuMicros, readMemory } from '../../../bench/lib/procStats.js';

describe('parseCpuTicks', () => {
  it('adds utime and stime, also when the command name holds spaces and parentheses', () => {
    const stat = '4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 30 0 100 0 0';
    expect(parseCpuTicks(stat)).toBe(1234 + 567);
  });
});

describe('parseStatusKiB', () => {
  it('reads a kB field of /proc/<pid>/status', () => {
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n';
    expect(parseStatusKiB(status, 'VmHWM')).toBe(204_800);
    expect(parseStatusKiB(status, 'VmRSS')).toBe(102_400);
    expect(parseStatusKiB(status, 'VmSwap')).toBe(0);
  });
});

describe.runIf(process.platform === 'linux')('on this process', () => {
  it('reads its own CPU time and memory', () => {
    expect(readCpuMicros(process.pid)).toBeGreaterThan(0);
    const memory = readMemory(process.pid)!;
    expect(memory.peakRss).toBeGreaterThanOrEqual(memory.rss);
    expect(memory.rss).toBeGreaterThan(10 * 2 ** 20);
  });
});
