// What /proc says about one process (Linux): CPU time and resident memory. Read from outside the
// process, so a JVM and a Node process are measured the same way.
import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux the bench runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process (all its threads) in microseconds, or undefined once it is gone. */
export function readCpuMicros(pid: number): number | undefined {
  try {
    return parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) * (1_000_000 / CLOCK_TICKS_PER_SECOND);
  } catch {
    return undefined;
  }
}

/** utime + stime in clock ticks from a /proc/<pid>/stat line (the command may hold spaces and parentheses). */
export function parseCpuTicks(stat: string): number {
  // Fields after the last ')' start at field 3 (state); utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Peak (VmHWM) and current (VmRSS) resident set of a process in bytes, or undefined once it is gone. */
export function readMemory(pid: number): { peakRss: number; rss: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { peakRss: parseStatusKiB(status, 'VmHWM') * 1024, rss: parseStatusKiB(status, 'VmRSS') * 1024 };
  } catch {
    return undefined;
  }
}

export function parseStatusKiB(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** The machine's 1-minute load average from /proc/loadavg (os.loadavg() gives the same). */
export function readLoadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
