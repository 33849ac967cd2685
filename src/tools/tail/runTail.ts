// `tail`: read a topic in a throw-away consumer group (never committed) and print each record
// as a JSON line. The registry is asked once per new schema id of a batch.
import { randomUUID } from 'node:crypto';
import { isRetriable, type RetriableError } from '../../errors.js';
import type { StreamClient } from '../../kafka/streamClient.js';
import { collectSchemaIds } from '../../pipeline/collectSchemaIds.js';
import type { RegistryClient } from '../../registry/createRegistryClient.js';
import { projectSchemas } from '../../schemas/avroSchemas.js';
import { consumeTopic, type ConsumeEnd } from '../consume/consumeTopic.js';
import { formatTailRecord, isDeadLetter } from './formatTailRecord.js';

export interface TailDeps {
  client: StreamClient;
  registry: Pick<RegistryClient, 'prefetchWriterTypes' | 'writerTypeFor'>;
  /** Told once per outage, not per retry. */
  onRegistryDown?: (error: Error) => void;
}

export interface TailOptions {
  topic: string;
  dlqTopic: string;
  fromBeginning: boolean;
  /** Keep waiting for records after the end; without fromBeginning tail always follows. */
  follow: boolean;
  max?: number;
  signal?: AbortSignal;
  /** Resolves when the text is written (backpressure); throws EPIPE when the reader is gone. */
  write(text: string): Promise<void>;
}

/** A fetch on a loaded machine can take seconds; markers at the log's end never arrive as records. */
export const TAIL_IDLE_MS = 10_000;
const REGISTRY_RETRY_MS = 1_000;

export async function runTail(deps: TailDeps, options: TailOptions): Promise<{ printed: number; end: ConsumeEnd }> {
  const context = { dlqTopic: options.dlqTopic, enrichedType: projectSchemas().types.enriched, writerTypeFor: (id: number) => deps.registry.writerTypeFor(id) };
  let printed = 0;
  let registryDown = false;
  let failure: unknown;
  if (options.max === 0) return { printed, end: 'stopped' };
  const end = await consumeTopic({
    client: deps.client,
    topic: options.topic,
    groupId: `callback-enricher-tail.${options.topic}.${randomUUID()}`,
    fromBeginning: options.fromBeginning,
    untilEnd: options.fromBeginning && !options.follow,
    idleMs: TAIL_IDLE_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    async handle(batch) {
      try {
        await deps.registry.prefetchWriterTypes(collectSchemaIds(batch.records.filter((r) => !isDeadLetter(r, options.dlqTopic))));
        registryDown = false;
      } catch (error) {
        // Only an outage is waited out; anything else ends the tail with its error.
        if (!isRetriable(error)) {
          failure = error;
          return { kind: 'stop' };
        }
        if (!registryDown) deps.onRegistryDown?.(error as RetriableError);
        registryDown = true;
        return { kind: 'retry', afterMs: REGISTRY_RETRY_MS };
      }
      const records = options.max === undefined ? batch.records : batch.records.slice(0, options.max - printed);
      try {
        if (records.length > 0) await options.write(records.map((record) => `${formatTailRecord(record, context)}\n`).join(''));
      } catch (error) {
        // Thrown out of the handler it would only make the consumer retry the batch.
        failure = error;
        return { kind: 'stop' };
      }
      printed += records.length;
      return options.max !== undefined && printed >= options.max ? { kind: 'stop' } : { kind: 'continue' };
    },
  });
  if (failure !== undefined) throw failure;
  return { printed, end };
}
