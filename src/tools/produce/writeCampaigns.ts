// `produce --campaigns N`: CampaignReference records on the compacted campaigns topic, keyed by
// campaign id, generated from the run's seed so the callbacks' dialer previews can point at them.
import type { StreamClient } from '../../kafka/streamClient.js';
import type { CampaignReference } from '../../model/types.js';
import { encodeWire } from '../../pipeline/encodeWire.js';
import { createRandom } from '../generate/createRandom.js';
import { generateCampaigns } from '../generate/generateCampaigns.js';
import { registerCampaignCodec } from './registerWriterSchemas.js';
import type { RegistryClient } from '../../registry/createRegistryClient.js';

export interface WrittenCampaigns {
  campaigns: CampaignReference[];
  schemaId?: number;
}

/** The parts of produce's deps and options this step uses (runProduce passes its own). */
export interface CampaignWriteDeps {
  client: StreamClient;
  registry: Pick<RegistryClient, 'registerSchema'>;
}

export interface CampaignWriteOptions {
  campaignTopic: string;
  campaigns: number;
  seed: string;
  baseTime: number;
}

export async function writeCampaigns(deps: CampaignWriteDeps, options: CampaignWriteOptions): Promise<WrittenCampaigns> {
  if (options.campaigns === 0) return { campaigns: [] };
  const codec = await registerCampaignCodec(deps.registry, options.campaignTopic);
  const campaigns = generateCampaigns(createRandom(`${options.seed}/campaigns`), options.campaigns, options.baseTime);
  const producer = deps.client.createProducer();
  await producer.connect();
  try {
    await producer.send(campaigns.map((campaign) => ({
      topic: options.campaignTopic,
      key: Buffer.from(campaign.id),
      value: encodeWire(codec.schemaId, codec.type.toBuffer(campaign)),
      headers: [],
    })));
  } finally {
    await producer.disconnect();
  }
  return { campaigns, schemaId: codec.schemaId };
}
