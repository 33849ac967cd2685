import avro from 'avsc';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { mapAvroCallback } from '../../../src/model/mapAvroCallback.js';
import { ENUM_FIELDS } from '../../../src/model/enums.js';
import { parseWireHeader } from '../../../src/pipeline/parseWireHeader.js';
import { projectSchemas } from '../../../src/schemas/avroSchemas.js';
import { createRandom } from '../../../src/tools/generate/createRandom.js';
import { deriveWriterSchemas, EVOLVED_ENUM_SYMBOLS, UNKNOWN_ENUM_VALUES } from '../../../src/tools/generate/deriveWriterSchemas.js';
import { encodeEvent, UNKNOWN_SCHEMA_ID_BASE, type WriterCodecs } from '../../../src/tools/generate/encodeEvent.js';
import { generateCampaigns } from '../../../src/tools/generate/generateCampaigns.js';
import { EVENTS_PER_BLOCK, generateBlock, generateEvents, type GenerateOptions, type GeneratedEvent } from '../../../src/tools/generate/generateEvents.js';
import { generateCallbackNumber } from '../../../src/tools/generate/generateCallbackNumbers.js';

const BASE_TIME = Date.parse('2025-03-01T12:00:00Z');
const writers = deriveWriterSchemas(projectSchemas().schemas.callback);
const types = {
  canonical: avro.Type.forSchema(writers.canonical as avro.Schema),
  unknownEnum: avro.Type.forSchema(writers.unknownEnum as avro.Schema),
  evolved: avro.Type.forSchema(writers.evolved as avro.Schema),
};
const CODECS: WriterCodecs = {
  canonical: { schemaId: 1, type: types.canonical },
  unknownEnum: { schemaId: 2, type: types.unknownEnum },
  evolved: { schemaId: 3, type: types.evolved },
};
const TYPE_BY_ID = new Map([[1, types.canonical], [2, types.unknownEnum], [3, types.evolved]]);

const campaigns = generateCampaigns(createRandom('s/campaigns'), 5, BASE_TIME);
const options = (overrides: Partial<GenerateOptions> = {}): GenerateOptions => ({
  seed: '42', count: 2000, baseTime: BASE_TIME, campaigns,
  ratios: { unknownEnum: 0.1, evolved: 0.1, poison: 0.1 }, ...overrides,
});
const events = (overrides: Partial<GenerateOptions> = {}): GeneratedEvent[] => [...generateEvents(options(overrides))];
const ofKind = <K extends GeneratedEvent['kind']>(all: GeneratedEvent[], kind: K) =>
  all.filter((event): event is Extract<GeneratedEvent, { kind: K }> => event.kind === kind);

/** What the worker does first: wire header, writer schema by id, decode with it, map. */
function decode(bytes: Buffer) {
  const wire = parseWireHeader(bytes);
  if (!wire.ok) throw new Error(wire.error.message);
  const record = (TYPE_BY_ID.get(wire.value.schemaId) as avro.Type).fromBuffer(wire.value.payload) as Record<string, unknown>;
  return { schemaId: wire.value.schemaId, record, mapped: mapAvroCallback(record) };
}

describe('determinism', () => {
  it('the same seed gives the same events and the same bytes', () => {
    const [a, b] = [events({ count: 500 }), events({ count: 500 })];
    expect(a).toEqual(b);
    const bytes = (list: GeneratedEvent[]) => Buffer.concat(list.map((e) => encodeEvent(e, CODECS)));
    expect(bytes(a).equals(bytes(b))).toBe(true);
  });

  it('a block depends only on the seed and its index, so threads can build blocks apart', () => {
    const all = events({ count: EVENTS_PER_BLOCK * 2 + 10 });
    const second = [...generateBlock(options({ count: EVENTS_PER_BLOCK * 2 + 10 }), 1)];
    expect(second).toEqual(all.slice(EVENTS_PER_BLOCK, EVENTS_PER_BLOCK * 2));
    expect([...generateBlock(options({ count: EVENTS_PER_BLOCK * 2 + 10 }), 2)]).toHaveLength(10);
    // A longer run starts with the same records: a block never looks at the count beyond its end.
    expect(events({ count: 50 })).toEqual(all.slice(0, 50));
  });

  it('another seed gives other events', () => {
    const a = events({ count: 50 });
    const b = events({ count: 50, seed: '43' });
    expect(a.map((e) => e.key)).not.toEqual(b.map((e) => e.key));
  });

  it('changing the ratios changes which events are special, not the callbacks', () => {
    const plain = events({ count: 300, ratios: { unknownEnum: 0, evolved: 0, poison: 0 } });
    const mixed = events({ count: 300 });
    expect(mixed.map((e) => e.callback)).toEqual(plain.map((e) => e.callback));
    expect(plain.every((e) => e.kind === 'canonical')).toBe(true);
  });

  it('the same seed gives the same campaigns', () => {
    expect(generateCampaigns(createRandom('x'), 4, BASE_TIME)).toEqual(generateCampaigns(createRandom('x'), 4, BASE_TIME));
  });
});

describe('kinds and ratios', () => {
  const all = events({ count: 10_000 });
  it.each(['unknownEnum', 'evolved', 'poison'] as const)('about 10%% are %s', (kind) => {
    const share = ofKind(all, kind).length / all.length;
    expect(share).toBeGreaterThan(0.085);
    expect(share).toBeLessThan(0.115);
  });

  it('every poison kind occurs', () => {
    expect(new Set(ofKind(all, 'poison').map((e) => e.poison))).toEqual(new Set(['MAGIC_BYTE', 'UNKNOWN_SCHEMA', 'DECODE_ERROR']));
  });

  it('keys are the callback ids, UUIDs', () => {
    for (const event of all.slice(0, 200)) {
      expect(event.key).toBe(event.callback.id);
      expect(event.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('each kind decodes as the worker will see it', () => {
  const all = events();

  it('canonical events map back to exactly the generated callback', () => {
    for (const event of ofKind(all, 'canonical')) {
      const { schemaId, mapped } = decode(encodeEvent(event, CODECS));
      expect(schemaId).toBe(1);
      expect(mapped).toEqual({ ok: true, value: { callback: event.callback, unknownEnumValues: {} } });
    }
  });

  it('unknown-enum events carry their raw values; unknown ones fall back and are kept, odd-case ones match', () => {
    const seen = { fallback: 0, oddCase: 0 };
    for (const event of ofKind(all, 'unknownEnum')) {
      const { schemaId, mapped } = decode(encodeEvent(event, CODECS));
      expect(schemaId).toBe(2);
      if (!mapped.ok) throw new Error(mapped.error.message);
      expect(Object.keys(event.rawEnums).length).toBeGreaterThan(0);
      for (const [path, raw] of Object.entries(event.rawEnums) as Array<[keyof typeof ENUM_FIELDS, string]>) {
        expect(UNKNOWN_ENUM_VALUES[path]).toContain(raw);
        const known = (ENUM_FIELDS[path] as readonly string[]).find((value) => value.toLowerCase() === raw.toLowerCase());
        if (known) {
          seen.oddCase += 1;
          expect(mapped.value.unknownEnumValues[path]).toBeUndefined();
        } else {
          seen.fallback += 1;
          expect(mapped.value.unknownEnumValues[path]).toBe(raw);
        }
      }
    }
    expect(seen.fallback).toBeGreaterThan(0);
    expect(seen.oddCase).toBeGreaterThan(0);
  });

  it('evolved events carry the new field and sometimes new symbols; the canonical schema can still read them', () => {
    let newSymbols = 0;
    const canonicalReader = types.canonical.createResolver(types.evolved);
    for (const event of ofKind(all, 'evolved')) {
      const bytes = encodeEvent(event, CODECS);
      const { schemaId, record, mapped } = decode(bytes);
      expect(schemaId).toBe(3);
      expect(record.queueId).toBe(event.queueId);
      expect(mapped.ok).toBe(true);
      for (const [path, raw] of Object.entries(event.rawEnums) as Array<[keyof typeof EVOLVED_ENUM_SYMBOLS, string]>) {
        expect(EVOLVED_ENUM_SYMBOLS[path]).toContain(raw);
        newSymbols += 1;
      }
      expect(() => types.canonical.fromBuffer(bytes.subarray(5), canonicalReader)).not.toThrow();
    }
    expect(newSymbols).toBeGreaterThan(0);
  });

  it('poison events fail at the step their kind names', () => {
    for (const event of ofKind(all, 'poison')) {
      const bytes = encodeEvent(event, CODECS);
      const wire = parseWireHeader(bytes);
      if (event.poison === 'MAGIC_BYTE') {
        expect(wire.ok).toBe(false);
        continue;
      }
      if (!wire.ok) throw new Error(`expected a wire header: ${wire.error.message}`);
      if (event.poison === 'UNKNOWN_SCHEMA') expect(wire.value.schemaId).toBeGreaterThanOrEqual(UNKNOWN_SCHEMA_ID_BASE);
      else {
        expect(wire.value.schemaId).toBe(1);
        expect(() => types.canonical.fromBuffer(wire.value.payload)).toThrow();
      }
    }
  });
});

describe('realistic callbacks', () => {
  const callbacks = events({ count: 5000 }).map((e) => e.callback);

  it('cover a callback life: scheduled, in progress, connected, on hold, disconnected', () => {
    const states = new Set(callbacks.map((c) => c.state));
    for (const state of ['SCHEDULED', 'DIALING', 'CONTACTING', 'ALERTING', 'CONNECTED', 'DISCONNECTED', 'TERMINATED']) {
      expect(states).toContain(state);
    }
    expect(callbacks.some((c) => c.state === 'CONNECTED' && c.held === true && c.startHoldTime !== undefined)).toBe(true);
  });

  it('keep times in order and disconnect types on terminal states only', () => {
    for (const c of callbacks) {
      const terminal = c.state === 'DISCONNECTED' || c.state === 'TERMINATED';
      if (!terminal) expect(c.disconnectType).toBeUndefined();
      if (terminal) expect(c.disconnectedTime).toBeDefined();
      if (c.connectedTime !== undefined) expect(c.connectedTime).toBeGreaterThan(c.callbackScheduledTime as number);
      if (c.connectedTime !== undefined && c.disconnectedTime !== undefined) expect(c.disconnectedTime).toBeGreaterThan(c.connectedTime);
    }
    expect(new Set(callbacks.map((c) => c.disconnectType)).size).toBeGreaterThan(10);
  });

  it('point most dialer previews at the given campaigns, a few at unknown ones', () => {
    const ids = new Set(campaigns.map((c) => c.id));
    const previews = callbacks.flatMap((c) => (c.dialerPreview ? [c.dialerPreview.campaignId] : []));
    const known = previews.filter((id) => ids.has(id as string)).length;
    expect(known / previews.length).toBeGreaterThan(0.9);
    expect(known).toBeLessThan(previews.length);
  });

  it('include voicemail, additionalProperties, inbound and outbound', () => {
    expect(callbacks.some((c) => c.voicemail?.uploadStatus)).toBe(true);
    expect(callbacks.some((c) => c.additionalProperties)).toBe(true);
    expect(new Set(callbacks.map((c) => c.direction))).toEqual(new Set(['INBOUND', 'OUTBOUND', undefined]));
  });

  it('have E.164, local and invalid callback numbers', () => {
    const numbers = callbacks.flatMap((c) => c.callbackNumbers ?? []);
    expect(numbers.some((n) => /^\+\d+$/.test(n))).toBe(true);
    expect(numbers.some((n) => /^\(\d{3}\) /.test(n))).toBe(true);
    expect(numbers.some((n) => !parsePhoneNumberFromString(n, 'US')?.isValid())).toBe(true);
  });
});

describe('callback numbers are what their form says', () => {
  const random = createRandom('numbers');
  it.each(['e164', 'local'] as const)('%s numbers are valid (default region US)', (form) => {
    for (let i = 0; i < 3000; i += 1) {
      const n = generateCallbackNumber(random, form);
      expect(parsePhoneNumberFromString(n, 'US')?.isValid(), n).toBe(true);
    }
  });
  it('invalid numbers are never valid', () => {
    for (let i = 0; i < 3000; i += 1) {
      const n = generateCallbackNumber(random, 'invalid');
      expect(parsePhoneNumberFromString(n, 'US')?.isValid() ?? false, n).toBe(false);
    }
  });
});

describe('campaigns', () => {
  it('use real IANA zones and distinct ids', () => {
    const many = generateCampaigns(createRandom('c'), 30, BASE_TIME);
    expect(new Set(many.map((c) => c.id)).size).toBe(30);
    for (const c of many) expect(() => new Intl.DateTimeFormat('en', { timeZone: c.timeZone })).not.toThrow();
  });
});
