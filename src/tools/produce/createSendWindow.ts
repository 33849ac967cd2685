// Keeps a few sends in flight: while the broker acknowledges one chunk, the next is encoded and
// queued. Each chunk's acknowledgement is reported in completion order through `onAcked`.
import type { Producer } from '../../kafka/streamClient.js';
import type { OutputRecord } from '../../pipeline/types.js';

export interface SendWindow<T> {
  /** Resolves once the chunk is queued and fewer than `maxInFlight` sends are pending. */
  send(records: OutputRecord[], tag: T): Promise<void>;
  /** Resolves when every queued send is acknowledged; rejects with the first failure. */
  drain(): Promise<void>;
}

export function createSendWindow<T>(producer: Producer, maxInFlight: number, onAcked: (count: number, tag: T) => void): SendWindow<T> {
  const pending = new Set<Promise<void>>();
  let failure: unknown;

  const throwIfFailed = (): void => {
    if (failure !== undefined) throw failure;
  };

  return {
    async send(records, tag) {
      throwIfFailed();
      const sending: Promise<void> = producer.send(records).then(
        () => {
          pending.delete(sending);
          onAcked(records.length, tag);
        },
        (error: unknown) => {
          pending.delete(sending);
          failure ??= error;
        },
      );
      pending.add(sending);
      while (pending.size >= maxInFlight) await Promise.race(pending);
      throwIfFailed();
    },
    async drain() {
      await Promise.all(pending);
      throwIfFailed();
    },
  };
}
