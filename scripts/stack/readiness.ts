import { Kafka, logLevel } from 'kafkajs';
import { StackError } from './errors.js';
import { tailFile } from './log.js';
import { HOST } from './ports.js';
import { REGISTRY_CCOMPAT_PATH } from './registryConfig.js';
import { isPidAlive } from './processes.js';
import type { ProcessSpec, StackState } from './state.js';

/** The node ids a broker reports as live in the cluster (metadata answered on its PLAINTEXT port). */
export async function describeBrokers(port: number): Promise<number[]> {
  const kafka = new Kafka({
    clientId: 'stack-probe',
    brokers: [`${HOST}:${port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.map((broker) => broker.nodeId);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export function registryAuthHeader(env: Record<string, string>): Record<string, string> {
  const user = env.SCHEMA_REGISTRY_USER;
  const password = env.SCHEMA_REGISTRY_PASSWORD;
  if (!user || password === undefined) return {};
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/** True when the registry answers GET /subjects with 200 (authenticated when the stack has auth). */
export async function registryAnswers(port: number, env: Record<string, string>): Promise<boolean> {
  try {
    const response = await fetch(`http://${HOST}:${port}${REGISTRY_CCOMPAT_PATH}/subjects`, {
      headers: registryAuthHeader(env),
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

async function isReady(spec: ProcessSpec, state: StackState): Promise<boolean> {
  if (spec.kind === 'registry') return registryAnswers(spec.ports.http ?? 0, state.env);
  try {
    const live = await describeBrokers(spec.ports.PLAINTEXT ?? 0);
    return spec.nodeId !== undefined && live.includes(spec.nodeId);
  } catch {
    return false;
  }
}

/**
 * Polls until the process answers (a broker: it serves metadata listing itself; the registry:
 * /subjects is 200). Fails with the tail of its log when the process exits first.
 */
export async function waitUntilReady(spec: ProcessSpec, state: StackState, pid: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isPidAlive(pid)) {
      throw new StackError(`${spec.name} exited while starting; the end of ${spec.logFile}:\n${tailFile(spec.logFile)}`);
    }
    if (await isReady(spec, state)) return;
    if (Date.now() > deadline) {
      throw new StackError(
        `${spec.name} did not answer within ${timeoutMs / 1000} s; the end of ${spec.logFile}:\n${tailFile(spec.logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** True when every process of the state answers (used to tell a live stack from a stale state). */
export async function isStackAnswering(state: StackState): Promise<boolean> {
  const answers = await Promise.all(state.processes.map((spec) => isReady(spec, state)));
  return answers.every(Boolean);
}
