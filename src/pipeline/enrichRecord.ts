// Step 5: the mapped callback + the record's context → the enriched record. eventTime is the
// input's Kafka timestamp; processedAt is the batch's clock reading, passed in.
import type { CountryCode } from 'libphonenumber-js';
import { enrich } from '../enrich/enrich.js';
import type { CampaignReference, EnrichedConversationCallback, EpochMillis, MappedCallback } from '../model/types.js';
import { computeEventId } from './computeEventId.js';
import type { InputRecord } from './types.js';

export interface EnrichRecordDeps {
  /** A plain function (no `this`): enrichRecord hands it on as it is, with nothing built per record. */
  lookupCampaign: (campaignId: string) => CampaignReference | undefined;
  defaultPhoneRegion: CountryCode;
  now: EpochMillis;
}

export function enrichRecord(mapped: MappedCallback, record: InputRecord, schemaId: number, deps: EnrichRecordDeps): EnrichedConversationCallback {
  return enrich(mapped, {
    eventId: computeEventId(record.topic, record.partition, record.offset),
    eventTime: record.timestamp,
    processedAt: deps.now,
    defaultPhoneRegion: deps.defaultPhoneRegion,
    lookupCampaign: deps.lookupCampaign,
    // Offsets are int64 strings; below 2^53 (every real topic) Number is exact.
    source: { topic: record.topic, partition: record.partition, offset: Number(record.offset), timestamp: record.timestamp, schemaId },
  });
}
