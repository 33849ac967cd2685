// The campaign reference table: the compacted CAMPAIGN_TOPIC held in memory, keyed by campaign id.
//
// It is read by its own consumer under a group id unique to this start, from the beginning, and
// never commits: every worker needs the whole topic, not a share of it, and a fresh group makes
// Kafka assign it every partition and start at the earliest offset each time. (KafkaJS has no
// manual assign(); the empty group is dropped by the broker once the consumer leaves.)
import type avro from 'avsc';
import type { Logger } from 'pino';
import { isRetriable } from '../errors.js';
import type { CampaignReference } from '../model/types.js';
import { collectSchemaIds } from '../pipeline/collectSchemaIds.js';
import type { StreamAdmin, StreamClient } from '../kafka/streamClient.js';
import { createOutageTracker } from './createOutageTracker.js';
import { decodeCampaign } from '../pipeline/decodeCampaign.js';

export interface CampaignTable {
  /** Resolves once the topic is read up to the high watermarks it had when start() was called. */
  start(): Promise<void>;
  lookup(campaignId: string): CampaignReference | null;
  /** Every campaign held now (a pipeline thread's starting copy). */
  entries(): IterableIterator<[string, CampaignReference]>;
  size(): number;
  isLoaded(): boolean;
  stop(): Promise<void>;
}

export interface CampaignTableDeps {
  client: StreamClient;
  admin: StreamAdmin;
  topic: string;
  /** Unique per start, e.g. `<GROUP_ID>.campaigns.<INSTANCE_ID>.<start time>`. */
  groupId: string;
  registry: {
    prefetchWriterTypes(ids: Iterable<number>): Promise<void>;
    writerTypeFor(schemaId: number): avro.Type | undefined;
  };
  logger: Logger;
  onSizeChange?: (size: number) => void;
  /** Every change as it is applied: a campaign set, or null when a tombstone removed it. */
  onChange?: (campaignId: string, campaign: CampaignReference | null) => void;
  onRejected?: () => void;
}

export function createCampaignTable(deps: CampaignTableDeps): CampaignTable {
  const { logger, topic } = deps;
  const campaigns = new Map<string, CampaignReference>();
  const consumer = deps.client.createGroupConsumer({ groupId: deps.groupId, fromBeginning: true });
  const registryState = createOutageTracker(logger, 'schema registry (campaign table)');
  // partition → offset the loader must reach; a partition leaves the map once reached.
  const pending = new Map<number, bigint>();
  let loaded = false;
  let stopped = false;
  let markLoaded: () => void = () => undefined;
  let abandon: (error: Error) => void = () => undefined;

  function checkLoaded(): void {
    if (!loaded && pending.size === 0) {
      loaded = true;
      logger.info({ topic, campaigns: campaigns.size }, 'campaign table loaded');
      markLoaded();
    }
  }

  function apply(key: Buffer | null, value: Buffer | null, offset: string): void {
    if (key === null) {
      logger.warn({ topic, offset }, 'campaign record without a key ignored');
      deps.onRejected?.();
      return;
    }
    const id = key.toString('utf8');
    if (value === null) {
      if (campaigns.delete(id)) deps.onChange?.(id, null);
      return;
    }
    const decoded = decodeCampaign(value, deps.registry.writerTypeFor);
    if (decoded.ok) {
      campaigns.set(id, decoded.value);
      deps.onChange?.(id, decoded.value);
    } else {
      // Reference data, not input: a bad row is logged and skipped; the previous value stays.
      logger.warn({ topic, offset, campaignId: id, reason: decoded.error }, 'campaign record ignored');
      deps.onRejected?.();
    }
  }

  return {
    async start() {
      for (const { partition, low, high } of await deps.admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low)) pending.set(partition, BigInt(high));
      }
      const done = new Promise<void>((resolve, reject) => { markLoaded = resolve; abandon = reject; });
      // A stop() before `done` is awaited below must not count as an unhandled rejection.
      done.catch(() => undefined);
      await consumer.connect();
      if (stopped) {
        // Stopped while connecting: joining the group now would leave a member nobody drives.
        await consumer.disconnect();
        await done;
      }
      await consumer.run(topic, async (batch) => {
        try {
          await deps.registry.prefetchWriterTypes(collectSchemaIds(batch.records));
          registryState.succeeded();
        } catch (error) {
          // Retried either way (the table must load), but a bug is not reported as an outage.
          if (!isRetriable(error)) logger.error({ err: error, topic, partition: batch.partition }, 'unexpected error loading the campaign table (a bug, not an outage); retrying');
          return { kind: 'retry', afterMs: registryState.failed(error) };
        }
        for (const record of batch.records) apply(record.key, record.value, record.offset);
        deps.onSizeChange?.(campaigns.size);
        const target = pending.get(batch.partition);
        if (target !== undefined && BigInt(batch.nextOffset) >= target) pending.delete(batch.partition);
        checkLoaded();
        return { kind: 'done' };
      });
      checkLoaded();
      await done;
    },
    lookup: (campaignId) => campaigns.get(campaignId) ?? null,
    entries: () => campaigns.entries(),
    size: () => campaigns.size,
    isLoaded: () => loaded,
    async stop() {
      stopped = true;
      if (!loaded) abandon(new Error('campaign table stopped before it was loaded'));
      await consumer.disconnect();
    },
  };
}
