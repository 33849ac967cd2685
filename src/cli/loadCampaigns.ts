// `transform --campaigns F.jsonl`: a small JSONL file of CampaignReference records (the JSON
// view), read whole into the lookup table the enrichment joins by dialerPreview.campaignId.
import { readFile } from 'node:fs/promises';
import { mapCampaignJson } from '../model/mapCampaignJson.js';
import { formatRejection } from '../model/mapFields.js';
import type { CampaignReference } from '../model/types.js';
import { describeError } from '../errors.js';

/** `--campaigns F.jsonl`: the campaign table to join, or the reason it cannot be read. */
export async function loadCampaigns(path: string): Promise<Map<string, CampaignReference> | string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return describeError(error);
  }
  const campaigns = new Map<string, CampaignReference>();
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      return `line ${index + 1}: not JSON: ${describeError(error)}`;
    }
    const campaign = mapCampaignJson(parsed);
    if (!campaign.ok) return `line ${index + 1}: ${formatRejection(campaign.error)}`;
    campaigns.set(campaign.value.id, campaign.value);
  }
  return campaigns;
}
