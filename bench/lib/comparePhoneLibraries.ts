// Issue 15: which phone library? libphonenumber-js (max, min and mobile metadata),
// awesome-phonenumber and google-libphonenumber, each asked the question enrich asks: is this
// string a valid number (default region US), and what is its E.164 form. Measured on a set of
// numbers as agents type them across many regions, and on the core mix's own numbers.
import { parsePhoneNumber as parseAwesome } from 'awesome-phonenumber';
import google from 'google-libphonenumber';
import { parsePhoneNumberFromString as parseMax } from 'libphonenumber-js/max';
import { parsePhoneNumberFromString as parseMin } from 'libphonenumber-js/min';
import { parsePhoneNumberFromString as parseMobile } from 'libphonenumber-js/mobile';
import { createRandom } from '../../src/tools/generate/createRandom.js';

/** null = not a valid number. */
export type ToE164 = (raw: string) => string | null;

const util = google.PhoneNumberUtil.getInstance();
const REGION = 'US';

export const PHONE_LIBRARIES: ReadonlyArray<{ name: string; toE164: ToE164 }> = [
  { name: 'libphonenumber-js/max', toE164: (raw) => { const p = parseMax(raw, { defaultCountry: REGION, extract: false }); return p?.isValid() ? p.number : null; } },
  { name: 'libphonenumber-js/min', toE164: (raw) => { const p = parseMin(raw, { defaultCountry: REGION, extract: false }); return p?.isValid() ? p.number : null; } },
  { name: 'libphonenumber-js/mobile', toE164: (raw) => { const p = parseMobile(raw, { defaultCountry: REGION, extract: false }); return p?.isValid() ? p.number : null; } },
  { name: 'awesome-phonenumber', toE164: (raw) => { const p = parseAwesome(raw, { regionCode: REGION }); return p.valid ? p.number.e164 : null; } },
  {
    name: 'google-libphonenumber',
    toE164: (raw) => {
      try { // it throws for anything that is not a number at all
        const n = util.parse(raw, REGION);
        return util.isValidNumber(n) ? util.format(n, google.PhoneNumberFormat.E164) : null;
      } catch {
        return null;
      }
    },
  },
];

const TYPES = [google.PhoneNumberType.FIXED_LINE, google.PhoneNumberType.MOBILE, google.PhoneNumberType.TOLL_FREE, google.PhoneNumberType.VOIP];
const JUNK = ['call me', '12', 'n/a', '0', '+', '555-0100', '1-800-FLOWERS', '+1 (317) 555-0123 ext. 12', '+999 1234 5678', '00000000000'];

/**
 * `count` numbers shaped like real ones: each region's example numbers (Google's metadata) with
 * their last 1–4 digits redrawn, written as E.164, international, national (for a NANP number:
 * the default region's way) or with separators, plus some junk. Many stay valid, some do not.
 */
export function buildRealShapedNumbers(count: number, seed = 'phones'): string[] {
  const random = createRandom(seed);
  const examples: Array<{ region: string; nsn: string; code: number }> = [];
  for (const region of util.getSupportedRegions()) {
    for (const type of TYPES) {
      const example = util.getExampleNumberForType(region, type);
      if (example) examples.push({ region, nsn: util.getNationalSignificantNumber(example), code: example.getCountryCode() ?? 0 });
    }
  }
  const numbers: string[] = [];
  while (numbers.length < count) {
    if (random.chance(0.03)) {
      numbers.push(random.pick(JUNK));
      continue;
    }
    const { nsn, code, region } = random.pick(examples);
    const keep = Math.max(1, nsn.length - random.int(1, 4));
    let digits = nsn.slice(0, keep);
    while (digits.length < nsn.length) digits += String(random.int(0, 9));
    const style = random.int(0, 9);
    if (style < 5) numbers.push(`+${code}${digits}`);
    else if (style < 8) numbers.push(`+${code} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`.trimEnd());
    else if (style < 9) numbers.push(code === 1 ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : `00${code} ${digits}`);
    else numbers.push(region === REGION ? digits : `0${digits}`); // a national number outside the default region: not valid here
  }
  return numbers;
}

export interface LibraryCosts {
  name: string;
  /** µs per number, each number new to the library (the figure a cache miss pays). */
  coldMicros: number;
  valid: number;
}

export interface Difference {
  raw: string;
  reference: string | null;
  other: string | null;
}

/** µs per number from CPU time (the machine is shared: wall time would count other processes). */
function cpuMicrosPer(items: number, run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / items;
}

/** Each library over `numbers` (distinct, so nothing is cached by the library): cost and answers. */
export function measurePhoneLibraries(numbers: readonly string[], warmup: readonly string[]): { costs: LibraryCosts[]; answers: Map<string, Array<string | null>> } {
  const costs: LibraryCosts[] = [];
  const answers = new Map<string, Array<string | null>>();
  for (const { name, toE164 } of PHONE_LIBRARIES) {
    for (const raw of warmup) toE164(raw);
    const out: Array<string | null> = new Array(numbers.length);
    // The better of two passes: the second sees the same numbers, which none of them caches.
    const coldMicros = Math.min(...[0, 1].map(() => cpuMicrosPer(numbers.length, () => {
      for (let i = 0; i < numbers.length; i++) out[i] = toE164(numbers[i]!);
    })));
    answers.set(name, out);
    costs.push({ name, coldMicros, valid: out.filter((e) => e !== null).length });
  }
  return { costs, answers };
}

/** Where `other` says something else than `reference`: validity or the E.164 form. */
export function listDifferences(numbers: readonly string[], reference: ReadonlyArray<string | null>, other: ReadonlyArray<string | null>): Difference[] {
  const differences: Difference[] = [];
  for (let i = 0; i < numbers.length; i++) {
    if (reference[i] !== other[i]) differences.push({ raw: numbers[i]!, reference: reference[i]!, other: other[i]! });
  }
  return differences;
}
