import { HOST } from './ports.js';
import type { StackMode } from './state.js';

export interface BrokerNode {
  nodeId: number;
  name: string;
  ports: { plaintext: number; controller: number; saslSsl?: number };
}

export interface BrokerConfigInput {
  node: BrokerNode;
  nodes: BrokerNode[];
  mode: StackMode;
  logDir: string;
  tls?: { keystore: string; password: string };
}

function voters(nodes: BrokerNode[]): string {
  return nodes.map((node) => `${node.nodeId}@${HOST}:${node.ports.controller}`).join(',');
}

/** server.properties of one combined broker+controller node on 127.0.0.1 (static KRaft quorum). */
export function brokerProperties({ node, nodes, mode, logDir, tls }: BrokerConfigInput): string {
  const replicas = mode.brokers;
  const minIsr = replicas === 3 ? 2 : 1;
  const listeners = [`PLAINTEXT://${HOST}:${node.ports.plaintext}`, `CONTROLLER://${HOST}:${node.ports.controller}`];
  const advertised = [`PLAINTEXT://${HOST}:${node.ports.plaintext}`];
  if (node.ports.saslSsl !== undefined) {
    listeners.push(`SASL_SSL://${HOST}:${node.ports.saslSsl}`);
    advertised.push(`SASL_SSL://${HOST}:${node.ports.saslSsl}`);
  }
  const lines: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': node.nodeId,
    'controller.quorum.voters': voters(nodes),
    listeners: listeners.join(','),
    'advertised.listeners': advertised.join(','),
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL',
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'log.dirs': logDir,
    'num.partitions': 1,
    'default.replication.factor': replicas,
    'min.insync.replicas': minIsr,
    'offsets.topic.replication.factor': replicas,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': minIsr,
    'transaction.state.log.num.partitions': 10,
    'share.coordinator.state.topic.replication.factor': replicas,
    'share.coordinator.state.topic.min.isr': minIsr,
    'group.initial.rebalance.delay.ms': 0,
    // A broker killed in a fault test loses its leaderships after 6 s instead of 9 s.
    'broker.session.timeout.ms': 6000,
    'broker.heartbeat.interval.ms': 1000,
    'auto.create.topics.enable': 'true',
    'delete.topic.enable': 'true',
    'log.segment.bytes': 64 * 1024 * 1024,
    'log.retention.hours': 24,
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024,
  };
  if (node.ports.saslSsl !== undefined && tls) {
    Object.assign(lines, {
      'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
      'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      'listener.name.sasl_ssl.ssl.keystore.type': 'PKCS12',
      'listener.name.sasl_ssl.ssl.keystore.location': tls.keystore,
      'listener.name.sasl_ssl.ssl.keystore.password': tls.password,
      'listener.name.sasl_ssl.ssl.key.password': tls.password,
      'listener.name.sasl_ssl.ssl.client.auth': 'none',
    });
  }
  return `${Object.entries(lines)
    .map(([key, value]) => `${key}=${escapeValue(String(value))}`)
    .join('\n')}\n`;
}

function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\');
}

/** log4j2 (Kafka 4.x) in .properties form: one console appender, stdout goes to the node's log. */
export const KAFKA_LOG4J2 = `status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.state.name = state.change.logger
logger.state.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = WARN
`;

/** JVM options for a broker; marker identifies the process as ours (see processes.ts). */
export function brokerJvmArgs(options: { marker: string; log4j: string; logsDir: string; brokers: number }): string[] {
  const heap = options.brokers === 1 ? '1g' : '768m';
  return [
    '-Xms256m',
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${options.log4j}`,
    `-Dkafka.logs.dir=${options.logsDir}`,
    options.marker,
  ];
}
