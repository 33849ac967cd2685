// `produce --campaigns N`: CampaignReference records on the compacted campaigns topic, keyed by
// campaign id, generated from the run's seed so the callbacks' dialer previews can point at them.
import type { CampaignReference } from '../../model/types.js';
import { encodeWire } from '../../pipeline/encodeWire.js';
import { createRandom } from '../generate/createRandom.js';
import { generateCampaigns } from '../generate/generateCampaigns.js';
import { registerCampaignCodec } from './registerWriterSchemas.js';
import type { ProduceDeps, ProduceOptions } from './runProduce.js';

export interface WrittenCampaigns {
  campaigns: CampaignReference[];
  schemaId?: number;
}

export async function writeCampaigns(deps: ProduceDeps, options: ProduceOptions): Promise<WrittenCampaigns> {
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
