import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Java } from './java.js';
import type { BrokerNode } from './kafkaConfig.js';
import { buildBrokerSpec } from './kafkaNodes.js';
import type { StackPaths } from './paths.js';
import { choosePort } from './ports.js';
import { buildRegistrySpec } from './registryConfig.js';
import type { StackSecrets } from './secrets.js';
import { buildStackEnv } from './stackEnv.js';
import type { StackMode, StackState } from './state.js';
import { ensureTls } from './tls.js';
import { APICURIO_VERSION, KAFKA_VERSION } from './versions.js';

/** Preferred ports: broker-n listens on 9092/9093/9094 + 100·(n−1); the registry on 8081. */
const BASE = { plaintext: 9092, controller: 9093, saslSsl: 9094, registry: 8081 } as const;

function portFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number, not "${value}"`);
  return port;
}

/**
 * A Kafka cluster id: 16 random bytes, base64url without padding (what StorageTool random-uuid
 * prints). One that starts with '-' is drawn again, as Kafka's own Uuid.randomUuid does: the
 * storage tool's argument parser takes `-t -abc…` for an option (1 start in 64 failed so).
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function existingClusterId(paths: StackPaths): string | undefined {
  const meta = join(paths.data, 'broker-1', 'meta.properties');
  if (!existsSync(meta)) return undefined;
  return /^cluster\.id=(.+)$/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim();
}

async function chooseNodes(mode: StackMode, previous: StackState | undefined, env: NodeJS.ProcessEnv): Promise<BrokerNode[]> {
  const taken = new Set<number>();
  const fixedKafka = portFrom(env, 'STACK_KAFKA_PORT');
  const nodes: BrokerNode[] = [];
  for (let nodeId = 1; nodeId <= mode.brokers; nodeId++) {
    const name = `broker-${nodeId}`;
    const before = previous?.processes.find((spec) => spec.name === name)?.ports;
    const offset = (nodeId - 1) * 100;
    const fixed = nodeId === 1 && fixedKafka !== undefined;
    const plaintext = await choosePort(
      `${name} PLAINTEXT`,
      fixed ? fixedKafka : (before?.PLAINTEXT ?? BASE.plaintext + offset),
      fixed,
      taken,
    );
    const controller = await choosePort(`${name} CONTROLLER`, before?.CONTROLLER ?? BASE.controller + offset, false, taken);
    const saslSsl =
      mode.security === 'sasl_ssl'
        ? await choosePort(`${name} SASL_SSL`, before?.SASL_SSL ?? BASE.saslSsl + offset, false, taken)
        : undefined;
    nodes.push({ nodeId, name, ports: saslSsl === undefined ? { plaintext, controller } : { plaintext, controller, saslSsl } });
  }
  return nodes;
}

/** Chooses ports, writes every config file and returns the state `up` will start from. */
export async function planStack(input: {
  paths: StackPaths;
  java: Java;
  mode: StackMode;
  previous: StackState | undefined;
  secrets: StackSecrets;
  env: NodeJS.ProcessEnv;
}): Promise<StackState> {
  const { paths, java, mode, previous, secrets, env } = input;
  const nodes = await chooseNodes(mode, previous, env);
  const fixedRegistry = portFrom(env, 'STACK_REGISTRY_PORT');
  const registryPort = await choosePort(
    'registry HTTP',
    fixedRegistry ?? previous?.processes.find((spec) => spec.kind === 'registry')?.ports.http ?? BASE.registry,
    fixedRegistry !== undefined,
    new Set(nodes.flatMap((node) => Object.values(node.ports))),
  );
  const tls = mode.security === 'sasl_ssl' ? ensureTls(paths, java, secrets.keystorePassword) : undefined;
  const brokers = nodes.map((node) => buildBrokerSpec({ paths, java, node, nodes, mode, tls, secrets }));
  const registry = buildRegistrySpec({ paths, java, version: APICURIO_VERSION, port: registryPort, mode, secrets });
  return {
    dir: paths.dir,
    mode,
    kafkaVersion: KAFKA_VERSION,
    apicurioVersion: APICURIO_VERSION,
    clusterId: existingClusterId(paths) ?? previous?.clusterId ?? newClusterId(),
    processes: [...brokers, registry],
    env: buildStackEnv({
      brokerPorts: nodes.map((node) => node.ports.plaintext),
      saslPorts: nodes.flatMap((node) => (node.ports.saslSsl === undefined ? [] : [node.ports.saslSsl])),
      registryPort,
      mode,
      secrets,
      tls,
    }),
  };
}
