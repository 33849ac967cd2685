// The stream of test events `produce` writes: realistic callbacks, some written by other writers
// (unknown enum values, a newer schema) and some poison for the DLQ. Pure and lazy: the same
// options give the same events, and a million of them never sit in memory at once.
import type { EnumFieldPath } from '../../model/enums.js';
import type { CampaignReference, ConversationNotificationCallback, EpochMillis } from '../../model/types.js';
import { createRandom, type Random } from './createRandom.js';
import { generateCallback } from './generateCallback.js';
import { EVOLVED_ENUM_SYMBOLS, UNKNOWN_ENUM_VALUES } from './deriveWriterSchemas.js';

export const POISON_KINDS = ['MAGIC_BYTE', 'UNKNOWN_SCHEMA', 'DECODE_ERROR'] as const;
export type PoisonKind = (typeof POISON_KINDS)[number];

export type RawEnums = Partial<Record<EnumFieldPath, string>>;

export type GeneratedEvent =
  | { kind: 'canonical'; key: string; callback: ConversationNotificationCallback }
  | { kind: 'unknownEnum'; key: string; callback: ConversationNotificationCallback; rawEnums: RawEnums }
  | { kind: 'evolved'; key: string; callback: ConversationNotificationCallback; rawEnums: RawEnums; queueId: string }
  | { kind: 'poison'; key: string; callback: ConversationNotificationCallback; poison: PoisonKind; variant: number };

export type EventKind = GeneratedEvent['kind'];

/** Shares of the non-canonical kinds, each in [0, 1], together at most 1. */
export interface EventRatios {
  unknownEnum: number;
  evolved: number;
  poison: number;
}

export interface GenerateOptions {
  seed: string;
  count: number;
  baseTime: EpochMillis;
  campaigns: readonly CampaignReference[];
  ratios: EventRatios;
}

/** The enum fields a callback actually carries: only those can hold a surprising value. */
function presentEnumFields(callback: ConversationNotificationCallback): EnumFieldPath[] {
  const fields: EnumFieldPath[] = ['state'];
  if (callback.direction !== undefined) fields.push('direction');
  if (callback.disconnectType !== undefined) fields.push('disconnectType');
  if (callback.voicemail?.uploadStatus !== undefined) fields.push('voicemail.uploadStatus');
  return fields;
}

function drawRawEnums(random: Random, callback: ConversationNotificationCallback, table: Readonly<Record<EnumFieldPath, readonly string[]>>, howMany: number): RawEnums {
  const candidates = presentEnumFields(callback);
  const raw: RawEnums = {};
  for (let i = 0; i < howMany && candidates.length > 0; i += 1) {
    const [field] = candidates.splice(random.int(0, candidates.length - 1), 1) as [EnumFieldPath];
    raw[field] = random.pick(table[field]);
  }
  return raw;
}

function drawKind(random: Random, ratios: EventRatios): EventKind {
  const roll = random.float();
  if (roll < ratios.poison) return 'poison';
  if (roll < ratios.poison + ratios.evolved) return 'evolved';
  if (roll < ratios.poison + ratios.evolved + ratios.unknownEnum) return 'unknownEnum';
  return 'canonical';
}

/**
 * Events are generated in blocks of this many, each from PRNG streams seeded by (seed, block):
 * a block does not depend on the blocks before it, so several threads can generate one run and
 * the records are the same whatever the number of threads.
 */
export const EVENTS_PER_BLOCK = 4000;

export const blockCount = (count: number): number => Math.ceil(count / EVENTS_PER_BLOCK);

/** The events of one block: indexes [block × EVENTS_PER_BLOCK, …) up to options.count. */
export function* generateBlock(options: GenerateOptions, block: number): Generator<GeneratedEvent> {
  // Separate streams: changing a ratio changes which events are special, not the callbacks.
  const kinds = createRandom(`${options.seed}/${block}/kinds`);
  const callbacks = createRandom(`${options.seed}/${block}/callbacks`);
  const variants = createRandom(`${options.seed}/${block}/variants`);
  const context = { baseTime: options.baseTime, campaigns: options.campaigns };
  const end = Math.min(options.count, (block + 1) * EVENTS_PER_BLOCK);

  for (let i = block * EVENTS_PER_BLOCK; i < end; i += 1) {
    const callback = generateCallback(callbacks, context);
    const key = callback.id as string;
    const kind = drawKind(kinds, options.ratios);
    switch (kind) {
      case 'canonical':
        yield { kind, key, callback };
        break;
      case 'unknownEnum':
        yield { kind, key, callback, rawEnums: drawRawEnums(variants, callback, UNKNOWN_ENUM_VALUES, variants.int(1, 2)) };
        break;
      case 'evolved':
        yield {
          kind, key, callback,
          rawEnums: variants.chance(0.5) ? drawRawEnums(variants, callback, EVOLVED_ENUM_SYMBOLS, 1) : {},
          queueId: variants.uuid(),
        };
        break;
      case 'poison':
        yield { kind, key, callback, poison: variants.pick(POISON_KINDS), variant: variants.float() };
        break;
    }
  }
}

export function* generateEvents(options: GenerateOptions): Generator<GeneratedEvent> {
  for (let block = 0; block < blockCount(options.count); block += 1) yield* generateBlock(options, block);
}
