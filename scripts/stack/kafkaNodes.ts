import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './errors.js';
import type { Java } from './java.js';
import { KAFKA_LOG4J2, brokerJvmArgs, brokerProperties, type BrokerNode } from './kafkaConfig.js';
import type { StackPaths } from './paths.js';
import { processMarker } from './processes.js';
import type { StackSecrets } from './secrets.js';
import type { ProcessSpec, StackMode } from './state.js';
import type { TlsFiles } from './tls.js';
import { KAFKA_VERSION } from './versions.js';

function nodePaths(paths: StackPaths, name: string) {
  return {
    properties: join(paths.config, name, 'server.properties'),
    logDir: join(paths.data, name),
    logFile: join(paths.logs, `${name}.log`),
  };
}

/** Writes the node's server.properties (0600: it may hold the keystore password) and its spec. */
export function buildBrokerSpec(input: {
  paths: StackPaths;
  java: Java;
  node: BrokerNode;
  nodes: BrokerNode[];
  mode: StackMode;
  tls: TlsFiles | undefined;
  secrets: StackSecrets;
}): ProcessSpec {
  const { paths, java, node, nodes, mode, tls, secrets } = input;
  const files = nodePaths(paths, node.name);
  mkdirSync(join(paths.config, node.name), { recursive: true });
  const log4j = join(paths.config, 'kafka-log4j2.properties');
  writeFileSync(log4j, KAFKA_LOG4J2);
  const properties = brokerProperties({
    node,
    nodes,
    mode,
    logDir: files.logDir,
    tls: tls && { keystore: tls.keystore, password: secrets.keystorePassword },
  });
  writeFileSync(files.properties, properties, { mode: 0o600 });
  const ports: Record<string, number> = { PLAINTEXT: node.ports.plaintext, CONTROLLER: node.ports.controller };
  if (node.ports.saslSsl !== undefined) ports.SASL_SSL = node.ports.saslSsl;
  return {
    name: node.name,
    kind: 'broker',
    nodeId: node.nodeId,
    command: java.java,
    args: [
      ...brokerJvmArgs({ marker: processMarker(paths, node.name), log4j, logsDir: paths.logs, brokers: nodes.length }),
      '-cp',
      join(paths.kafkaHome, 'libs', '*'),
      'kafka.Kafka',
      files.properties,
    ],
    cwd: paths.dir,
    logFile: files.logFile,
    ports,
    cds: { archive: join(paths.dir, 'cds', `kafka-${KAFKA_VERSION}.jsa`), dump: node.nodeId === 1 },
  };
}

export function isFormatted(paths: StackPaths, name: string): boolean {
  return existsSync(join(nodePaths(paths, name).logDir, 'meta.properties'));
}

/**
 * `kafka.tools.StorageTool format` for one node (static quorum: no --standalone). In sasl_ssl
 * mode the SCRAM user is created here; the password reaches the tool as an argument, so this
 * short-lived process's command line is the one place it appears (its output is not logged).
 */
export async function formatStorage(input: {
  paths: StackPaths;
  java: Java;
  name: string;
  clusterId: string;
  scram: { username: string; password: string } | undefined;
}): Promise<void> {
  const { paths, java, name, clusterId, scram } = input;
  const files = nodePaths(paths, name);
  const args = [
    '-cp',
    join(paths.kafkaHome, 'libs', '*'),
    `-Dlog4j2.configurationFile=${join(paths.config, 'kafka-log4j2.properties')}`,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    files.properties,
    '--ignore-formatted',
  ];
  if (scram) args.push('--add-scram', `SCRAM-SHA-512=[name=${scram.username},password=${scram.password}]`);
  const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
    const child = spawn(java.java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, text }));
  });
  if (output.code !== 0) {
    const text = scram ? output.text.split(scram.password).join('********') : output.text;
    throw new StackError(`formatting ${name}'s KRaft storage failed (exit ${output.code}):\n${text.trim()}`);
  }
}
