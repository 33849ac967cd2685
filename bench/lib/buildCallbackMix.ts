// The workload of the core benchmark, built with the same seeded generator `produce` uses.
// Real topics carry every state change of a callback: scheduled → dialing → … → disconnected,
// interleaved with hundreds of other conversations. So a "conversation" here is one generated
// callback expanded into the notifications of its life so far, and the records of many
// conversations are interleaved. `lifecycle: false` gives one record per conversation (what
// `produce` writes), the worst case for anything cached per callback number.
import avro from 'avsc';
import type { StateEnum } from '../../src/model/enums.js';
import type { CampaignReference, ConversationNotificationCallback } from '../../src/model/types.js';
import { computeEventId } from '../../src/pipeline/computeEventId.js';
import type { InputRecord } from '../../src/pipeline/types.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { createRandom, type Random } from '../../src/tools/generate/createRandom.js';
import { deriveWriterSchemas, EVOLVED_ENUM_SYMBOLS, UNKNOWN_ENUM_VALUES } from '../../src/tools/generate/deriveWriterSchemas.js';
import { encodeEvent, type WriterCodecs } from '../../src/tools/generate/encodeEvent.js';
import { generateCallback } from '../../src/tools/generate/generateCallback.js';
import { generateCampaigns } from '../../src/tools/generate/generateCampaigns.js';
import { POISON_KINDS, type GeneratedEvent } from '../../src/tools/generate/generateEvents.js';

export interface MixOptions {
  seed: string;
  records: number;
  lifecycle: boolean;
  /** Conversations in flight at once: how far apart a callback's notifications are. */
  concurrentConversations: number;
  unknownEnumRatio: number;
  evolvedRatio: number;
  /** Records the worker must dead-letter (MAGIC_BYTE, UNKNOWN_SCHEMA, DECODE_ERROR); default 0. */
  poisonRatio?: number;
}

export interface MixRecord {
  input: InputRecord;
  /** The Avro body after the 5-byte wire header. */
  payload: Buffer;
  writerType: avro.Type;
  eventId: string;
  kind: GeneratedEvent['kind'];
}

export interface CallbackMix {
  records: MixRecord[];
  campaigns: ReadonlyMap<string, CampaignReference>;
  writerTypes: ReadonlyMap<number, avro.Type>;
  conversations: number;
  /** Notifications per conversation, over all conversations started. */
  averageLife: number;
  kinds: Record<GeneratedEvent['kind'], number>;
}

const BASE_TIME = Date.parse('2026-11-25T13:00:00Z');
const TOPIC = 'callbacks.raw';

/** The states a callback went through to reach its generated (final) state. */
function lifePath(final: ConversationNotificationCallback): StateEnum[] {
  const ringing: StateEnum[] = ['SCHEDULED', 'DIALING', 'CONTACTING', 'ALERTING'];
  switch (final.state) {
    case 'NONE': return ['NONE'];
    case 'SCHEDULED': return ['NONE', 'SCHEDULED'];
    case 'DIALING': return ['SCHEDULED', 'DIALING'];
    case 'CONTACTING': return ['SCHEDULED', 'DIALING', 'CONTACTING'];
    case 'ALERTING': case 'OFFERING': return ['SCHEDULED', 'DIALING', 'CONTACTING', final.state];
    case 'UPLOADING': return ['SCHEDULED', 'DIALING', 'UPLOADING'];
    case 'CONNECTED': return [...ringing, 'CONNECTED', ...(final.held === true ? ['CONNECTED' as const] : [])];
    case 'DISCONNECTED': case 'TERMINATED':
      return final.connectedTime !== undefined ? [...ringing, 'CONNECTED', final.state] : ['SCHEDULED', 'DIALING', final.state];
    default: return [final.state ?? 'NONE'];
  }
}

/** The notification at one step of the path: only what was known by then. */
function snapshot(final: ConversationNotificationCallback, state: StateEnum): ConversationNotificationCallback {
  const { disconnectType, disconnectedTime, voicemail, held, startHoldTime, connectedTime, ...known } = final;
  return { ...known, state, ...(state === 'CONNECTED' && connectedTime !== undefined ? { connectedTime, held: false } : {}) };
}

function expand(final: ConversationNotificationCallback, lifecycle: boolean): ConversationNotificationCallback[] {
  if (!lifecycle) return [final];
  const path = lifePath(final);
  return path.map((state, i) => (i === path.length - 1 ? final : snapshot(final, state)));
}

function toEvent(random: Random, callback: ConversationNotificationCallback, options: MixOptions): GeneratedEvent {
  const key = callback.id ?? 'no-id';
  // With no poison the draws are the same as before poison existed, so earlier mixes stay as they were.
  const poisonRatio = options.poisonRatio ?? 0;
  const roll = random.float() - poisonRatio;
  if (roll < 0) return { kind: 'poison', key, callback, poison: random.pick(POISON_KINDS), variant: random.float() };
  if (roll < options.unknownEnumRatio) {
    return { kind: 'unknownEnum', key, callback, rawEnums: { state: random.pick(UNKNOWN_ENUM_VALUES.state) } };
  }
  if (roll < options.unknownEnumRatio + options.evolvedRatio) {
    const rawEnums = random.chance(0.5) ? { state: random.pick(EVOLVED_ENUM_SYMBOLS.state) } : {};
    return { kind: 'evolved', key, callback, rawEnums, queueId: random.uuid() };
  }
  return { kind: 'canonical', key, callback };
}

export function buildCallbackMix(options: MixOptions): CallbackMix {
  const random = createRandom(options.seed);
  const campaignList = generateCampaigns(createRandom(`${options.seed}/campaigns`), 24, BASE_TIME);
  const writers = deriveWriterSchemas(projectSchemas().schemas.callback);
  const codecs: WriterCodecs = {
    canonical: { schemaId: 1, type: avro.Type.forSchema(writers.canonical as avro.Schema) },
    unknownEnum: { schemaId: 2, type: avro.Type.forSchema(writers.unknownEnum as avro.Schema) },
    evolved: { schemaId: 3, type: avro.Type.forSchema(writers.evolved as avro.Schema) },
  };
  const writerTypes = new Map([codecs.canonical, codecs.unknownEnum!, codecs.evolved!].map((c) => [c.schemaId, c.type]));
  const context = { baseTime: BASE_TIME, campaigns: campaignList };

  const active: Array<{ steps: ConversationNotificationCallback[]; next: number; partition: number }> = [];
  let conversations = 0;
  let steps = 0;
  const startConversation = (): void => {
    conversations++;
    const life = expand(generateCallback(random, context), options.lifecycle);
    steps += life.length;
    active.push({ steps: life, next: 0, partition: conversations % 12 });
  };
  const records: MixRecord[] = [];
  const kinds = { canonical: 0, unknownEnum: 0, evolved: 0, poison: 0 };
  while (records.length < options.records) {
    while (active.length < options.concurrentConversations) startConversation();
    const slot = random.int(0, active.length - 1);
    const conversation = active[slot]!;
    const callback = conversation.steps[conversation.next++]!;
    if (conversation.next === conversation.steps.length) active.splice(slot, 1);
    const event = toEvent(random, callback, options);
    kinds[event.kind]++;
    const value = encodeEvent(event, codecs);
    const offset = String(records.length);
    const input: InputRecord = {
      topic: TOPIC, partition: conversation.partition, offset, timestamp: BASE_TIME + records.length * 3,
      key: Buffer.from(event.key), value, headers: [],
    };
    records.push({
      // A poison value may be too short for a header: its writerType is never used.
      input, payload: value.subarray(5), writerType: event.kind === 'poison' ? codecs.canonical.type : writerTypes.get(value.readInt32BE(1))!,
      eventId: computeEventId(TOPIC, conversation.partition, offset), kind: event.kind,
    });
  }
  return {
    records, campaigns: new Map(campaignList.map((c) => [c.id, c])), writerTypes, conversations,
    averageLife: steps / conversations, kinds,
  };
}
