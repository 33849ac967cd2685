// The bench's own connection to the stack (topics, watermarks, reading output back).
import pino from 'pino';
import { createKafkaJsStreamClient } from '../../src/kafka/createKafkaJsStreamClient.js';
import type { BenchStackEnv } from './benchStackEnv.js';
import type { BenchSetup } from './prepareBenchInput.js';

export async function connectBench(env: BenchStackEnv, clientId: string): Promise<BenchSetup & { close(): Promise<void> }> {
  const client = createKafkaJsStreamClient({ clientId, brokers: env.KAFKA_BROKERS.split(','), logger: pino({ level: 'error' }) });
  const admin = client.createAdmin();
  await admin.connect();
  return { env, client, admin, close: () => admin.disconnect() };
}

/** The systems named in BENCH_SYSTEMS (comma-separated ids), or all. */
export function selectSystems<T extends { id: string }>(systems: readonly T[]): T[] {
  const wanted = process.env.BENCH_SYSTEMS?.split(',').map((id) => id.trim()).filter(Boolean);
  return wanted && wanted.length > 0 ? systems.filter((s) => wanted.includes(s.id)) : [...systems];
}

export const log = (line: string): void => {
  console.log(line);
};

export const formatMiBValue = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
export const formatInt = (value: number): string => Math.round(value).toLocaleString('en-US');
