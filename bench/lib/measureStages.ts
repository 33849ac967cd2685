// The core chain stage by stage, each timed alone over the whole mix (CPU time), so the stages
// add up to roughly one pass and show what dominates. Timed passes keep nothing, as the chain
// keeps nothing: holding 100,000 results alive makes the GC promote them, which doubled a
// stage's cost in a trial. The inputs of later stages are made by untimed passes.
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
  const decodeAll = (): MappedCallback[] => mix.records.map(({ writerType, payload }) => {
    const result = decodeCallback(writerType, payload, 1);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  });
  const mapped = decodeAll();
  const decoded: unknown[] = mix.records.map(({ writerType, payload }) => writerType.fromBuffer(payload));
  const enrichOne = (i: number): EnrichedConversationCallback => {
    const { input, eventId } = mix.records[i]!;
    return enrich(mapped[i]!, {
      eventId, eventTime: input.timestamp, processedAt, defaultPhoneRegion: 'US', lookupCampaign,
      source: { topic: input.topic, partition: input.partition, offset: Number(input.offset), timestamp: input.timestamp, schemaId: 1 },
    });
  };
  const enriched = mapped.map((_, i) => enrichOne(i));
  let sink = 0;
  for (let r = 0; r < repeats; r++) {
    time(STAGES[0], () => {
      for (let i = 0; i < n; i++) if (decodeCallback(mix.records[i]!.writerType, mix.records[i]!.payload, 1).ok) sink++;
    });
    time(STAGES[1], () => {
      for (let i = 0; i < n; i++) if (checkAvroBounds(mix.records[i]!.writerType, mix.records[i]!.payload) !== undefined) throw new Error('bounds');
    });
    time(STAGES[2], () => {
      for (let i = 0; i < n; i++) if (mix.records[i]!.writerType.fromBuffer(mix.records[i]!.payload) !== null) sink++;
    });
    time(STAGES[3], () => {
      for (let i = 0; i < n; i++) if (!mapAvroCallback(decoded[i]).ok) throw new Error('map');
    });
    clearPhoneCache();
    time(STAGES[4], () => {
      for (let i = 0; i < n; i++) sink += enrichOne(i).derived.callbackNumbersE164.length;
    });
    time(STAGES[5], () => {
      for (let i = 0; i < n; i++) sink += encodeEnriched(enriched[i]!).length;
    });
    time(STAGES[6], () => {
      for (let i = 0; i < n; i++) sink += encodeEnrichedFromInput(enriched[i]!, mix.records[i]!).length;
    });
  }
  if (sink === 0) throw new Error('no stage produced anything');
  return [...best].map(([name, nsPerRecord]) => ({ name, nsPerRecord }));
}
