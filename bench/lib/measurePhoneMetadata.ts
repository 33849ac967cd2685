// Why `libphonenumber-js/max`: what it costs per number against the default `min` metadata,
// and how many of the mix's numbers `min` would wrongly call valid (min checks lengths only).
import { parsePhoneNumberFromString as parseMax } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString as parseMin } from 'libphonenumber-js/min';
import { mapAvroCallback } from '../../src/model/mapAvroCallback.js';
import type { CallbackMix } from './buildCallbackMix.js';
import { timePass } from './measureRuns.js';

type Parse = typeof parseMax;

export interface PhoneMetadataCosts {
  distinct: number;
  maxMicros: number;
  minMicros: number;
  minOnlyValid: number;
}

function distinctNumbers(mix: CallbackMix): string[] {
  const numbers = new Set<string>();
  for (const { writerType, payload } of mix.records) {
    const mapped = mapAvroCallback(writerType.fromBuffer(payload));
    if (mapped.ok) for (const n of mapped.value.callback.callbackNumbers ?? []) numbers.add(n);
  }
  return [...numbers];
}

const isValidWith = (parse: Parse, raw: string): boolean =>
  parse(raw, { defaultCountry: 'US', extract: false })?.isValid() === true;

export function measurePhoneMetadata(mix: CallbackMix, sample = 20_000): PhoneMetadataCosts {
  const numbers = distinctNumbers(mix).slice(0, sample);
  // Warm both up on a slice first, then time each over all numbers; the better of two rounds.
  for (const raw of numbers.slice(0, 2_000)) { isValidWith(parseMax, raw); isValidWith(parseMin, raw); }
  const time = (parse: Parse): number =>
    Math.min(...[0, 1].map(() => timePass(numbers.length, () => { for (const raw of numbers) isValidWith(parse, raw); })));
  const maxNs = time(parseMax);
  const minNs = time(parseMin);
  const minOnlyValid = numbers.filter((raw) => isValidWith(parseMin, raw) && !isValidWith(parseMax, raw)).length;
  return { distinct: numbers.length, maxMicros: maxNs / 1000, minMicros: minNs / 1000, minOnlyValid };
}
