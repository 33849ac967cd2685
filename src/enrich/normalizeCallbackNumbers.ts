// callbackNumbers → E.164 (valid, de-duplicated, order kept) and the invalid ones as given.
//
// Metadata: `libphonenumber-js/max`. With the default `min` metadata isValid() checks only a
// number's length (the package README says so), so "+65 8955 5555" would pass although no
// Singapore number starts that way. `max` checks the digits against each country's patterns,
// as Google's libphonenumber does. It was not slower per parse in our measurements (see
// BENCHMARKS.md); what costs is parsing itself, about 10–50 µs a number (a +1 number is tried
// against every NANP country), so results are memoised per region and raw string.
//
// Parsing is strict (`extract: false`): the whole string must be a phone number. "call me at
// +1 317 555 0123" is listed as invalid instead of being silently trimmed to a number.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { createLruCache } from './createLruCache.js';

export interface NormalizedNumbers {
  e164: string[];
  invalid: string[];
}

// ~100 bytes an entry: a few MB at most. A callback's numbers come back with every state
// change of its life, so even a small window of recent numbers catches most repeats.
const PHONE_CACHE_CAPACITY = 50_000;

// null marks "parsed, not valid"; undefined from the cache means "not parsed yet".
const e164ByRegionAndRaw = createLruCache<string, string | null>(PHONE_CACHE_CAPACITY);

let lookups = 0;
let misses = 0;

function parseE164(raw: string, region: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw, { defaultCountry: region, extract: false });
  return parsed !== undefined && parsed.isValid() ? parsed.number : null;
}

/** The E.164 form of one number, or null when it is not a valid number. */
export function toE164(raw: string, region: CountryCode): string | null {
  // Region codes are two letters, so the concatenation is unambiguous. The region matters only
  // for numbers without a country code; keying on it always is cheaper than finding out.
  const key = region + raw;
  lookups++;
  let e164 = e164ByRegionAndRaw.get(key);
  if (e164 === undefined) {
    misses++;
    e164 = parseE164(raw, region);
    e164ByRegionAndRaw.set(key, e164);
  }
  return e164;
}

export function normalizeCallbackNumbers(numbers: readonly string[] | undefined, region: CountryCode): NormalizedNumbers {
  const e164: string[] = [];
  const invalid: string[] = [];
  if (numbers === undefined) return { e164, invalid };
  for (const raw of numbers) {
    const normalized = toE164(raw, region);
    if (normalized === null) invalid.push(raw);
    // A callback carries a handful of numbers: a linear scan beats building a Set.
    else if (!e164.includes(normalized)) e164.push(normalized);
  }
  return { e164, invalid };
}

/** Cache statistics for the benchmark and tests; reading them changes nothing. */
export function readPhoneCacheStats(): { lookups: number; misses: number; size: number } {
  return { lookups, misses, size: e164ByRegionAndRaw.size };
}

/** Empties the memo (benchmarks measure from a cold cache; tests prove results don't depend on it). */
export function clearPhoneCache(): void {
  e164ByRegionAndRaw.clear();
  lookups = 0;
  misses = 0;
}
