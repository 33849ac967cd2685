import { stackPaths } from './paths.js';
import { runningPid } from './processes.js';
import { readState, type ProcessKind } from './state.js';

export interface ProcessStatus {
  name: string;
  kind: ProcessKind;
  pid: number | undefined;
  running: boolean;
  ports: Record<string, number>;
  logFile: string;
}

/** Each process `up` recorded for this stack folder, with whether it runs now. */
export function listStackProcesses(dir?: string): ProcessStatus[] {
  const paths = stackPaths(dir);
  const state = readState(paths);
  if (!state) return [];
  return state.processes.map((spec) => {
    const pid = runningPid(paths, spec.name);
    return { name: spec.name, kind: spec.kind, pid, running: pid !== undefined, ports: spec.ports, logFile: spec.logFile };
  });
}

export function formatStatus(dir?: string): { text: string; allRunning: boolean } {
  const paths = stackPaths(dir);
  const state = readState(paths);
  const processes = listStackProcesses(dir);
  if (!state || processes.length === 0) {
    return { text: `no stack in ${paths.dir} (start one with \`npm run stack:up\`)`, allRunning: false };
  }
  const lines = processes.map((status) => {
    const ports = Object.entries(status.ports).map(([label, port]) => `${label}=${port}`).join(' ');
    const what = status.running ? `running (pid ${status.pid})` : 'stopped';
    return `${status.name.padEnd(9)} ${what.padEnd(22)} ${ports.padEnd(44)} log ${status.logFile}`;
  });
  const header = `Kafka ${state.kafkaVersion}, Apicurio Registry ${state.apicurioVersion}, in ${paths.dir}`;
  const allRunning = processes.every((status) => status.running);
  const env = `settings: ${paths.envFile}`;
  return { text: [header, ...lines, env].join('\n'), allRunning };
}
