// The debug trace of KafkaJS transactions (src/kafka/traceKafkaJsTransactions.ts), on the real
// broker: the figures BENCHMARKS.md's latency analysis rests on come from these lines.
import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createKafkaJsStreamClient } from '../../src/kafka/createKafkaJsStreamClient.js';
import { standaloneGroup } from '../../src/kafka/streamClient.js';
import { createTopics } from '../helpers/createTopics.js';
import { stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';

function captureLogger(level: string): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

async function runTransactions(level: string): Promise<Array<Record<string, unknown>>> {
  const [input, output] = [uniqueName('trace.in'), uniqueName('trace.out')];
  await createTopics([input, output]);
  const { logger, lines } = captureLogger(level);
  const client = createKafkaJsStreamClient({ clientId: 'test-trace', brokers: stackEnv().KAFKA_BROKERS!.split(','), logger });
  const producer = client.createTransactionalProducer(uniqueName('trace.txid'));
  await producer.connect();
  try {
    for (let i = 1; i <= 2; i++) {
      const records = [{ topic: output, key: Buffer.from('k'), value: Buffer.from(`v${i}`), headers: [] }];
      await producer.sendInTransaction(records, [{ topic: input, partition: 0, offset: String(i) }], standaloneGroup(uniqueName('trace.g')));
    }
  } finally {
    await producer.disconnect();
  }
  return lines.filter((line) => line.msg === 'transaction traced');
}

describe('KafkaJS transaction trace', () => {
  it('logs each committed transaction at debug with its steps and the requests it made', async () => {
    const traced = await runTransactions('debug');
    expect(traced).toHaveLength(2);
    for (const line of traced) {
      expect(line).toMatchObject({ outcome: 'committed', records: 1 });
      expect(Object.keys(line.steps as object)).toEqual(['begin', 'send', 'offsets', 'confirm', 'commit']);
      const requests = line.requests as Record<string, { count: number; ms: number }>;
      for (const api of ['AddPartitionsToTxn', 'Produce', 'AddOffsetsToTxn', 'TxnOffsetCommit', 'EndTxn']) {
        expect(requests[api]?.count, api).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('logs nothing above debug', async () => {
    expect(await runTransactions('info')).toEqual([]);
  });
});
