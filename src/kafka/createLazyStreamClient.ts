// A StreamClient whose implementation is imported on first use. The StreamClient factories are
// synchronous, but @platformatic/kafka must only be imported on a Node that runs it, so it comes
// in through a dynamic import: every object created here loads it at its first async call.
import type { GroupConsumer, Producer, StreamAdmin, StreamClient, TransactionalProducer } from './streamClient.js';

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

function lazyGroupConsumer(create: () => Promise<GroupConsumer>): GroupConsumer {
  let real: GroupConsumer | undefined;
  const onReady: Array<(consumer: GroupConsumer) => void> = [];
  const get = once(async () => {
    real = await create();
    for (const register of onReady) register(real);
    return real;
  });
  const whenReady = (register: (consumer: GroupConsumer) => void): void => {
    if (real) register(real);
    else onReady.push(register);
  };
  return {
    connect: async () => (await get()).connect(),
    run: async (topic, eachBatch) => (await get()).run(topic, eachBatch),
    commit: async (offsets) => (await get()).commit(offsets),
    // Never connected: nothing to close, and nothing to import just for that.
    disconnect: async () => (real ? real.disconnect() : undefined),
    onAssignment: (listener) => whenReady((consumer) => consumer.onAssignment(listener)),
    onCrash: (listener) => whenReady((consumer) => consumer.onCrash(listener)),
  };
}

export function createLazyStreamClient(load: () => Promise<StreamClient>, isTransientError: StreamClient['isTransientError']): StreamClient {
  const client = once(load);
  return {
    createGroupConsumer: (options) => lazyGroupConsumer(async () => (await client()).createGroupConsumer(options)),
    createProducer() {
      const get = once(async () => (await client()).createProducer());
      let used = false;
      const producer = async (): Promise<Producer> => { used = true; return get(); };
      return {
        connect: async () => (await producer()).connect(),
        send: async (records) => (await producer()).send(records),
        disconnect: async () => (used ? (await get()).disconnect() : undefined),
      };
    },
    createTransactionalProducer(transactionalId) {
      const get = once(async () => (await client()).createTransactionalProducer(transactionalId));
      let used = false;
      const producer = async (): Promise<TransactionalProducer> => { used = true; return get(); };
      return {
        connect: async () => (await producer()).connect(),
        sendInTransaction: async (records, offsets, group) => (await producer()).sendInTransaction(records, offsets, group),
        disconnect: async () => (used ? (await get()).disconnect() : undefined),
      };
    },
    createAdmin() {
      const get = once(async () => (await client()).createAdmin());
      let used = false;
      const admin = async (): Promise<StreamAdmin> => { used = true; return get(); };
      return {
        connect: async () => (await admin()).connect(),
        listTopics: async () => (await admin()).listTopics(),
        createTopics: async (topics) => (await admin()).createTopics(topics),
        fetchTopicOffsets: async (topic) => (await admin()).fetchTopicOffsets(topic),
        fetchCommittedOffsets: async (groupId, topic) => (await admin()).fetchCommittedOffsets(groupId, topic),
        disconnect: async () => (used ? (await get()).disconnect() : undefined),
      };
    },
    isTransientError,
  };
}
