// KAFKA_FETCH_MAX_BYTES_PER_PARTITION on the real broker: the bound reaches the fetch of the
// client under test (a fetch brings whole record batches up to it, and at least one), so the
// fetched data the worker holds shrinks with it and no record is skipped or reordered.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamAdmin, StreamClient } from '../../src/kafka/streamClient.js';
import { createTopics } from '../helpers/createTopics.js';
import { createTestStreamClient, kafkaClientUnderTest } from '../helpers/streamClient.js';
import { uniqueName } from '../helpers/uniqueName.js';
import { waitFor } from '../helpers/waitFor.js';

const SENDS = 8;
const RECORDS_PER_SEND = 20;
const VALUE_BYTES = 1024;

let client: StreamClient;
let admin: StreamAdmin;

beforeAll(async () => {
  client = createTestStreamClient('test-fetch-size', undefined, pino({ level: 'silent' }));
  admin = client.createAdmin();
  await admin.connect();
});

afterAll(async () => {
  await admin.disconnect();
});

/** Drains the topic with the given bound; the size of each batch handed over, and every value in order. */
async function drain(topic: string, maxBytesPerPartition: number | undefined): Promise<{ sizes: number[]; values: string[] }> {
  const sizes: number[] = [];
  const values: string[] = [];
  const consumer = client.createGroupConsumer({ groupId: uniqueName('fs.group'), fromBeginning: true, ...(maxBytesPerPartition === undefined ? {} : { maxBytesPerPartition }) });
  await consumer.connect();
  await consumer.run(topic, async (batch) => {
    sizes.push(batch.records.length);
    values.push(...batch.records.map((r) => r.value!.subarray(0, 8).toString()));
    return { kind: 'done' };
  });
  try {
    await waitFor(() => values.length >= SENDS * RECORDS_PER_SEND, { message: `all ${SENDS * RECORDS_PER_SEND} records consumed` });
  } finally {
    await consumer.disconnect();
  }
  return { sizes, values };
}

describe(`fetch size on ${kafkaClientUnderTest()}`, () => {
  it('hands over smaller batches with a smaller per-partition bound, every record once and in order', async () => {
    const topic = uniqueName('fs.topic');
    await createTopics([topic]);
    const producer = client.createProducer();
    await producer.connect();
    // One send is one record batch of ~20 KiB on the broker.
    for (let send = 0; send < SENDS; send++) {
      await producer.send(Array.from({ length: RECORDS_PER_SEND }, (_, i) => {
        const n = send * RECORDS_PER_SEND + i;
        return { topic, key: null, value: Buffer.concat([Buffer.from(String(n).padStart(8, '0')), Buffer.alloc(VALUE_BYTES - 8, 120)]), headers: [] };
      }));
    }
    await producer.disconnect();
    const expected = Array.from({ length: SENDS * RECORDS_PER_SEND }, (_, n) => String(n).padStart(8, '0'));

    const small = await drain(topic, 4 * 1024);
    expect(small.values).toEqual(expected);
    // Below one record batch's size, each fetch brings exactly one record batch.
    expect(Math.max(...small.sizes)).toBeLessThanOrEqual(RECORDS_PER_SEND);

    const large = await drain(topic, undefined);
    expect(large.values).toEqual(expected);
    expect(Math.max(...large.sizes)).toBeGreaterThan(RECORDS_PER_SEND);
  });
});
