// Where a record's time goes: each stage of the core chain timed alone over the whole mix,
// feeding it the previous stage's stored outputs. Timing per record with hrtime would cost more
// than some stages themselves.
import { enrich } from '../../src/enrich/enrich.js';
import { clearPhoneCache } from '../../src/enrich/normalizeCallbackNumbers.js';
import { encodeEnriched, encodeEnrichedFromInput } from '../../src/model/enrichedCodec.js';
import { mapAvroCallback } from '../../src/model/mapAvroCallback.js';
import type { EnrichedConversationCallback, MappedCallback } from '../../src/model/types.js';
import type { CallbackMix } from './buildCallbackMix.js';
import { collectGarbage, timePass } from './measureRuns.js';

export interface StageTime {
  name: string;
  nsPerRecord: number;
}

export function measureStages(mix: CallbackMix, processedAt: number, repeats = 3): StageTime[] {
  const n = mix.records.length;
  const best = { decode: Infinity, map: Infinity, enrich: Infinity, encode: Infinity, 'encode (reusing input bytes)': Infinity };
  const lookupCampaign = (id: string) => mix.campaigns.get(id);
  for (let r = 0; r < repeats; r++) {
    const decoded: unknown[] = new Array(n);
    const mapped: MappedCallback[] = new Array(n);
    const enriched: EnrichedConversationCallback[] = new Array(n);
    collectGarbage();
    best.decode = Math.min(best.decode, timePass(n, () => {
      for (let i = 0; i < n; i++) decoded[i] = mix.records[i]!.writerType.fromBuffer(mix.records[i]!.payload);
    }));
    collectGarbage();
    best.map = Math.min(best.map, timePass(n, () => {
      for (let i = 0; i < n; i++) {
        const result = mapAvroCallback(decoded[i]);
        if (!result.ok) throw new Error(result.error.message);
        mapped[i] = result.value;
      }
    }));
    clearPhoneCache();
    collectGarbage();
    best.enrich = Math.min(best.enrich, timePass(n, () => {
      for (let i = 0; i < n; i++) {
        const { input, eventId } = mix.records[i]!;
        enriched[i] = enrich(mapped[i]!, {
          eventId, eventTime: input.timestamp, processedAt, defaultPhoneRegion: 'US', lookupCampaign,
          source: { topic: input.topic, partition: input.partition, offset: Number(input.offset), timestamp: input.timestamp, schemaId: 1 },
        });
      }
    }));
    collectGarbage();
    best.encode = Math.min(best.encode, timePass(n, () => {
      for (let i = 0; i < n; i++) encodeEnriched(enriched[i]!);
    }));
    collectGarbage();
    best['encode (reusing input bytes)'] = Math.min(best['encode (reusing input bytes)'], timePass(n, () => {
      for (let i = 0; i < n; i++) encodeEnrichedFromInput(enriched[i]!, mix.records[i]!);
    }));
  }
  return Object.entries(best).map(([name, nsPerRecord]) => ({ name, nsPerRecord }));
}
