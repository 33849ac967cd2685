// What a system wrote, read back as a read_committed consumer sees it (the project's group
// consumer, a throw-away group): counts, duplicates and, for the enriched output, the fields the
// suites compare. Passthrough output is the input's bytes, so only counted.
import type { StreamClient } from '../../src/kafka/streamClient.js';
import { parseWireHeader } from '../../src/pipeline/parseWireHeader.js';
import { createRegistryClient } from '../../src/registry/createRegistryClient.js';
import { consumeTopic } from '../../src/tools/consume/consumeTopic.js';
import { projectEnriched, type Projection } from './compareEnriched.js';
import { uniqueSuffix } from './prepareBenchInput.js';
import { headerText } from '../../src/pipeline/headers.js';

export interface OutputCheck {
  records: number;
  /** Records whose eventId was seen before (enriched output only). */
  duplicates: number;
  /** Records that did not decode as EnrichedConversationCallback (enriched output only). */
  undecodable: number;
  /** eventId → compared fields, when asked for. */
  projections?: Map<string, Projection>;
}

/** Reads `topic` to its end; `decode` = enriched output (decode, dedupe, optionally project). */
export async function readOutput(
  client: StreamClient,
  registryUrl: string,
  topic: string,
  options: { decode: boolean; project: boolean },
): Promise<OutputCheck> {
  const registry = createRegistryClient({ url: registryUrl });
  const seen = new Set<string>();
  const projections = options.project ? new Map<string, Projection>() : undefined;
  const check: OutputCheck = { records: 0, duplicates: 0, undecodable: 0, projections };
  await consumeTopic({
    client, topic, groupId: `bench.verify.${uniqueSuffix('read')}`, fromBeginning: true, untilEnd: true, idleMs: 5_000,
    async handle(batch) {
      for (const record of batch.records) {
        check.records++;
        if (!options.decode) continue;
        const header = parseWireHeader(record.value);
        if (!header.ok) {
          check.undecodable++;
          continue;
        }
        await registry.prefetchWriterTypes([header.value.schemaId]);
        const type = registry.writerTypeFor(header.value.schemaId);
        let enriched: Parameters<typeof projectEnriched>[0] & { eventId: string };
        try {
          enriched = type!.fromBuffer(header.value.payload) as typeof enriched;
        } catch {
          check.undecodable++;
          continue;
        }
        if (seen.has(enriched.eventId)) check.duplicates++;
        seen.add(enriched.eventId);
        projections?.set(enriched.eventId, projectEnriched(enriched));
      }
      return { kind: 'continue' };
    },
  });
  return check;
}

/** Dead letters by dlq.reason. */
export async function readDeadLetters(client: StreamClient, topic: string): Promise<Map<string, number>> {
  const reasons = new Map<string, number>();
  await consumeTopic({
    client, topic, groupId: `bench.verify.${uniqueSuffix('dlq')}`, fromBeginning: true, untilEnd: true, idleMs: 5_000,
    async handle(batch) {
      for (const record of batch.records) {
        const reason = headerText(record.headers, 'dlq.reason') ?? 'none';
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      return { kind: 'continue' };
    },
  });
  return reasons;
}
