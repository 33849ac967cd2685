// Latency as a user of the output sees it: a read_committed consumer on the output topic takes,
// for every enriched record, its arrival time minus the input record's timestamp (source.timestamp,
// set by the bench's producer when it sent the record, on the same clock).
import type { StreamClient } from '../../src/kafka/streamClient.js';
import { parseWireHeader } from '../../src/pipeline/parseWireHeader.js';
import { createRegistryClient } from '../../src/registry/createRegistryClient.js';
import { consumeTopic } from '../../src/tools/consume/consumeTopic.js';
import { uniqueSuffix } from './prepareBenchInput.js';

export interface LatencySample {
  /** The input record's timestamp (epoch ms). */
  sentAt: number;
  latencyMs: number;
}

export interface LatencyWatch {
  samples: LatencySample[];
  stop(): Promise<void>;
}

function toMillis(value: unknown): number {
  return value instanceof Date ? value.getTime() : Number(value);
}

export function watchLatency(client: StreamClient, registryUrl: string, topic: string): LatencyWatch {
  const registry = createRegistryClient({ url: registryUrl });
  const samples: LatencySample[] = [];
  // A reader that loses its group membership (a starved process misses heartbeats) reads some
  // records again: only the first arrival of each output record counts.
  const seen = new Set<string>();
  const abort = new AbortController();
  const done = consumeTopic({
    client, topic, groupId: `bench.latency.${uniqueSuffix('watch')}`, fromBeginning: true, untilEnd: false, idleMs: 0, signal: abort.signal,
    async handle(batch) {
      const arrivedAt = Date.now();
      for (const record of batch.records) {
        const position = `${batch.partition}/${record.offset}`;
        if (seen.has(position)) continue;
        seen.add(position);
        const header = parseWireHeader(record.value);
        if (!header.ok) continue;
        await registry.prefetchWriterTypes([header.value.schemaId]);
        const decoded = registry.writerTypeFor(header.value.schemaId)?.fromBuffer(header.value.payload) as { source: { timestamp: unknown } | null };
        if (!decoded?.source) continue;
        const sentAt = toMillis(decoded.source.timestamp);
        samples.push({ sentAt, latencyMs: arrivedAt - sentAt });
      }
      return { kind: 'continue' };
    },
  });
  return {
    samples,
    async stop() {
      abort.abort();
      await done;
    },
  };
}
