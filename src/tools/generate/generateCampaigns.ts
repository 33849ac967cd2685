// Campaign reference data for the compacted campaigns topic. Real IANA zones with different
// offsets and DST rules, so the worker's scheduledLocalTime is exercised in earnest.
import type { CampaignReference, EpochMillis } from '../../model/types.js';
import type { Random } from './createRandom.js';

export const CAMPAIGN_TIME_ZONES = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles',
  'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin', 'Europe/Madrid', 'Asia/Kolkata',
  'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland', 'Africa/Johannesburg',
] as const;

const CAMPAIGN_TOPICS = ['Renewals', 'Collections', 'Win-back', 'Onboarding', 'Survey', 'Upsell', 'Appointments'] as const;
const DIALING_MODES = ['preview', 'progressive', 'power', 'predictive', 'agentless'] as const;

export function generateCampaigns(random: Random, count: number, baseTime: EpochMillis): CampaignReference[] {
  const divisions = [random.uuid(), random.uuid(), random.uuid()];
  return Array.from({ length: count }, (_, index) => {
    const timeZone = CAMPAIGN_TIME_ZONES[index % CAMPAIGN_TIME_ZONES.length] as string;
    const region = timeZone.split('/')[1]?.replace('_', ' ') ?? timeZone;
    return {
      id: random.uuid(),
      name: `${random.pick(CAMPAIGN_TOPICS)} ${region} ${index + 1}`,
      divisionId: random.chance(0.8) ? random.pick(divisions) : null,
      timeZone,
      contactListId: random.chance(0.9) ? random.uuid() : null,
      dialingMode: random.pick(DIALING_MODES),
      updatedAt: baseTime - random.int(1, 30 * 24) * 3_600_000,
    };
  });
}
