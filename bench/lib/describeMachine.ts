// Where a figure was measured. Throughput depends on the CPU and on whatever else runs on it,
// so the load average at the start goes into the report too.
import os from 'node:os';

export interface MachineDescription {
  measuredAt: string;
  node: string;
  platform: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  loadAverage: number;
}

export function describeMachine(now: Date = new Date()): MachineDescription {
  const cpus = os.cpus();
  return {
    measuredAt: now.toISOString().replace(/:\d{2}\.\d{3}Z$/, 'Z').replace('T', ' '),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function formatMachine(machine: MachineDescription): string {
  return `${machine.measuredAt} · Node ${machine.node} · ${machine.platform} · ${machine.cpuModel}, `
    + `${machine.cores} cores · ${machine.memoryGiB} GiB RAM · load average ${machine.loadAverage} at start`;
}
