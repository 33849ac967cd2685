// The core chain stage by stage, each timed alone over the whole mix (CPU time), so the stages
// add up to roughly one pass and show what dominates.
import { enrich } from '../../src/enrich/enrich.js';
import { clearPhoneCache } from '../../src/enrich/normalizeCallbackNumbers.js';
import { encodeEnriched, encodeEnrichedFromInput } from '../../src/model/enrichedCodec.js';
import { mapAvroCallback } from '../../src/model/mapAvroCallback.js';
import type { EnrichedConversationCallback, MappedCallback } from '../../src/model/types.js';
import { checkAvroBounds } from '../../src/model/checkAvroBounds.js';
import { decodeCallback } from '../../src/pipeline/decodeCallback.js';
import type { CallbackMix } from './buildCallbackMix.js';
import { collectGarbage, timePass } from './measureRuns.js';

export interface StageTime {
  name: string;
  nsPerRecord: number;
}

const STAGES = [
  'decode + map in one pass (decodeCallback: bounds, UTF-8, enum fallback)',
  'two-pass reference: bounds + UTF-8 walk (checkAvroBounds)',
  'two-pass reference: avsc fromBuffer',
  'two-pass reference: mapAvroCallback',
  'enrich (empty phone cache)',
  'encode',
  'encode (reusing input bytes)',
] as const;

export function measureStages(mix: CallbackMix, processedAt: number, repeats = 3): StageTime[] {
  const n = mix.records.length;
  const best = new Map<string, number>(STAGES.map((name) => [name, Infinity]));
  const time = (name: (typeof STAGES)[number], pass: () => void): void => {
    collectGarbage();
    best.set(name, Math.min(best.get(name)!, timePass(n, pass, 'cpu')));
  };
  const lookupCampaign = (id: string) => mix.campaigns.get(id);
  for (let r = 0; r < repeats; r++) {
    const decoded: unknown[] = new Array(n);
    const mapped: MappedCallback[] = new Array(n);
    const enriched: EnrichedConversationCallback[] = new Array(n);
    time(STAGES[0], () => {
      for (let i = 0; i < n; i++) {
        const result = decodeCallback(mix.records[i]!.writerType, mix.records[i]!.payload, 1);
        if (!result.ok) throw new Error(result.error.message);
        mapped[i] = result.value;
      }
    });
    time(STAGES[1], () => {
      for (let i = 0; i < n; i++) if (checkAvroBounds(mix.records[i]!.writerType, mix.records[i]!.payload) !== undefined) throw new Error('bounds');
    });
    time(STAGES[2], () => {
      for (let i = 0; i < n; i++) decoded[i] = mix.records[i]!.writerType.fromBuffer(mix.records[i]!.payload);
    });
    time(STAGES[3], () => {
      for (let i = 0; i < n; i++) if (!mapAvroCallback(decoded[i]).ok) throw new Error('map');
    });
    clearPhoneCache();
    time(STAGES[4], () => {
      for (let i = 0; i < n; i++) {
        const { input, eventId } = mix.records[i]!;
        enriched[i] = enrich(mapped[i]!, {
          eventId, eventTime: input.timestamp, processedAt, defaultPhoneRegion: 'US', lookupCampaign,
          source: { topic: input.topic, partition: input.partition, offset: Number(input.offset), timestamp: input.timestamp, schemaId: 1 },
        });
      }
    });
    time(STAGES[5], () => {
      for (let i = 0; i < n; i++) encodeEnriched(enriched[i]!);
    });
    time(STAGES[6], () => {
      for (let i = 0; i < n; i++) encodeEnrichedFromInput(enriched[i]!, mix.records[i]!);
    });
  }
  return [...best].map(([name, nsPerRecord]) => ({ name, nsPerRecord }));
}
