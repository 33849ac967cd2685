// `replay` when a transaction's outcome is unknown: the send or commit failed, or its reply was
// lost after the commit took effect. runReplay runs on the real stack; only the producer's answer
// is changed, by a wrapper that lets the real transaction run (or not) and then throws.
import { BrokerUnavailableError } from '../../src/errors.js';
import { describe, expect, it } from 'vitest';
import { createTestStreamClient } from '../helpers/streamClient.js';
import type { StreamClient, TransactionalProducer } from '../../src/kafka/streamClient.js';
import { runReplay } from '../../src/tools/replay/runReplay.js';
import { createTopics } from '../helpers/createTopics.js';
import { tailTopic } from '../helpers/tailTopic.js';
import { uniqueName } from '../helpers/uniqueName.js';

const LETTERS = 30;

/** How the next failing transaction fails: before anything is sent, or after the commit. */
type Failure = 'before-send' | 'reply-lost' | 'bug';

/** The real client, whose transactional producers fail the first transactions as `failures` says. */
function failingTransactions(client: StreamClient, failures: Failure[]): StreamClient {
  const wrap = (producer: TransactionalProducer): TransactionalProducer => ({
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async sendInTransaction(records, groupId, offsets) {
      const failure = failures.shift();
      // Outages, as the adapter reports them: replay retries only what the error model calls retriable.
      if (failure === 'before-send') throw new BrokerUnavailableError(new Error('broker unreachable (test)'));
      await producer.sendInTransaction(records, groupId, offsets);
      if (failure === 'reply-lost') throw new BrokerUnavailableError(new Error('commit reply lost (test)'));
      if (failure === 'bug') throw new TypeError('a bug after the commit (test)');
    },
  });
  return { ...client, createTransactionalProducer: (id) => wrap(client.createTransactionalProducer(id)) };
}

async function deadLetterTopic(client: StreamClient): Promise<{ dlq: string; input: string }> {
  const dlq = uniqueName('uncertain-dlq');
  const input = uniqueName('uncertain-in');
  await createTopics([{ topic: dlq, numPartitions: 2 }, { topic: input, numPartitions: 2 }]);
  const producer = client.createProducer();
  await producer.connect();
  await producer.send(Array.from({ length: LETTERS }, (_, i) => ({
    topic: dlq, key: Buffer.from(`key-${i % 4}`), value: Buffer.from(`value-${i}`),
    headers: [{ key: 'dlq.reason', value: Buffer.from('MAPPING_ERROR') }],
  })));
  await producer.disconnect();
  return { dlq, input };
}

describe('replay after a transaction whose outcome is unknown', () => {
  it.each<[string, Failure[]]>([
    ['the commit took effect but its reply was lost', ['reply-lost']],
    ['the send failed before anything was written', ['before-send']],
    ['both, one after the other', ['reply-lost', 'before-send']],
  ])('%s: every dead letter is copied and counted exactly once', async (_name, failures) => {
    const real = createTestStreamClient('test-replay-uncertain');
    const { dlq, input } = await deadLetterTopic(real);
    const plan = [...failures];
    const retried: string[] = [];

    const summary = await runReplay(
      { client: failingTransactions(real, plan), onRetry: (error) => retried.push(error.message) },
      { from: dlq, to: input, filter: { reasons: new Set() }, maxReplays: 10, dryRun: false, idleMs: 5_000 },
    );

    expect(plan).toEqual([]);
    expect(retried).toHaveLength(failures.length);
    expect(summary).toMatchObject({ read: LETTERS, replayed: LETTERS, filtered: 0, end: 'reachedEnd' });
    const copied = (await tailTopic(input)).map((record) => record.value).sort();
    expect(copied).toEqual(Array.from({ length: LETTERS }, (_, i) => `value-${i}`).sort());
  });

  it('ends the run on an error that is not an outage (never retried for ever); a rerun resumes and copies each letter once', async () => {
    const real = createTestStreamClient('test-replay-bug');
    const { dlq, input } = await deadLetterTopic(real);
    const retried: string[] = [];
    const options = { from: dlq, to: input, filter: { reasons: new Set<string>() }, maxReplays: 10, dryRun: false, idleMs: 5_000 };

    await expect(runReplay({ client: failingTransactions(real, ['bug']), onRetry: (error) => retried.push(error.message) }, options))
      .rejects.toThrow('a bug after the commit (test)');
    expect(retried).toEqual([]);

    const summary = await runReplay({ client: real }, options);
    expect(summary.end).toBe('reachedEnd');
    const copied = (await tailTopic(input)).map((record) => record.value).sort();
    expect(copied).toEqual(Array.from({ length: LETTERS }, (_, i) => `value-${i}`).sort());
  });
});
