// The fault-test helpers of scripts/stack/control.ts on a 3-broker local stack (STACK_BROKERS=3):
// one broker stopped hard and started again while producing with acks=all, and the registry
// restarted with its schemas kept. Skipped on one broker (stopping it would break the other test
// files running beside this one) and on an external cluster.
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { describe, expect, it } from 'vitest';
import { listStackProcesses, startProcess, stopProcess } from '../../scripts/stack/control.js';
import { createTopic } from '../helpers/createTopics.js';
import { readUntil } from '../helpers/readUntil.js';
import { createFixtureProducer, createKafka, createRegistry, registryFetch, stackEnv, stackIsLocal } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';
import { waitFor } from '../helpers/waitFor.js';

const brokers = stackEnv().KAFKA_BROKERS?.split(',').length ?? 0;

describe.runIf(stackIsLocal() && brokers === 3)('stack control (3 brokers)', () => {
  it('keeps producing with acks=all while one broker is down, and starts it again', async () => {
    const topic = uniqueName('smoke.control');
    await createTopic({ topic, numPartitions: 3, replicationFactor: 3 });
    await stopProcess('broker-2', { hard: true });
    expect(listStackProcesses().find((process) => process.name === 'broker-2')?.running).toBe(false);
    // The controller moves leadership once broker-2's session expires (broker.session.timeout.ms).
    const admin = createKafka('control-smoke').admin();
    await admin.connect();
    await waitFor(
      async () => {
        const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
        return metadata?.partitions.every((partition) => partition.leader !== 2 && !partition.isr.includes(2));
      },
      { message: 'leaders and ISRs without broker 2' },
    );

    const producer = createFixtureProducer('control-smoke');
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    await producer.disconnect();
    expect(await readUntil(topic, 30)).toHaveLength(30);

    await startProcess('broker-2');
    await waitFor(async () => (await admin.describeCluster()).brokers.length === 3, { message: 'broker-2 back in the cluster' });
    await admin.disconnect();
  });

  it('restarts the registry with its schemas and ids kept', async () => {
    const subject = `${uniqueName('smoke.control')}-value`;
    const schema = { type: 'record', name: 'ControlSmoke', fields: [{ name: 'a', type: 'string' }] };
    const { id } = await createRegistry().register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject });

    await stopProcess('registry');
    await expect(registryFetch('/subjects')).rejects.toThrow();
    await startProcess('registry');

    const served = await registryFetch(`/schemas/ids/${id}`);
    expect(served.status).toBe(200);
    expect(await createRegistry().getLatestSchemaId(subject)).toBe(id);
  });
});
