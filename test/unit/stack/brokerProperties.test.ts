import { describe, expect, it } from 'vitest';
import { brokerProperties, type BrokerNode } from '../../../scripts/stack/kafkaConfig.js';

function parse(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

const node = (nodeId: number, saslSsl?: number): BrokerNode => ({
  nodeId,
  name: `broker-${nodeId}`,
  ports: { plaintext: 9092 + (nodeId - 1) * 100, controller: 9093 + (nodeId - 1) * 100, ...(saslSsl ? { saslSsl } : {}) },
});

describe('brokerProperties', () => {
  it('makes one combined node with replication factor 1 and a static one-voter quorum', () => {
    const properties = parse(
      brokerProperties({ node: node(1), nodes: [node(1)], mode: { brokers: 1, security: 'none', registryAuth: false }, logDir: '/d' }),
    );
    expect(properties).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:9093',
      listeners: 'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:9092',
      'controller.listener.names': 'CONTROLLER',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'min.insync.replicas': '1',
      'group.initial.rebalance.delay.ms': '0',
      'log.dirs': '/d',
    });
    expect(properties['sasl.enabled.mechanisms']).toBeUndefined();
  });

  it('makes three voters with replication factor 3 and min.insync.replicas 2', () => {
    const nodes = [node(1), node(2), node(3)];
    const properties = parse(
      brokerProperties({ node: nodes[1]!, nodes, mode: { brokers: 3, security: 'none', registryAuth: false }, logDir: '/d' }),
    );
    expect(properties).toMatchObject({
      'node.id': '2',
      'controller.quorum.voters': '1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293',
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.replication.factor': '3',
      'transaction.state.log.min.isr': '2',
    });
  });

  it('adds a SCRAM-SHA-512 SASL_SSL listener with the keystore', () => {
    const secured = node(1, 9094);
    const properties = parse(
      brokerProperties({
        node: secured,
        nodes: [secured],
        mode: { brokers: 1, security: 'sasl_ssl', registryAuth: true },
        logDir: '/d',
        tls: { keystore: '/tls/broker.p12', password: 'pw' },
      }),
    );
    expect(properties.listeners).toContain('SASL_SSL://127.0.0.1:9094');
    expect(properties['advertised.listeners']).toContain('SASL_SSL://127.0.0.1:9094');
    expect(properties['inter.broker.listener.name']).toBe('PLAINTEXT');
    expect(properties['sasl.enabled.mechanisms']).toBe('SCRAM-SHA-512');
    expect(properties['listener.name.sasl_ssl.ssl.keystore.location']).toBe('/tls/broker.p12');
    expect(properties['listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config']).toContain('ScramLoginModule required;');
  });
});
