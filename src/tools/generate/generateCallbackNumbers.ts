// Callback numbers as agents and contact lists really hold them: mostly E.164, some in a US
// local format (parsed with the default region), some unusable. The templates are chosen so
// that the "valid" ones are valid for libphonenumber and the "invalid" ones never are.
import type { Random } from './createRandom.js';

const digits = (random: Random, n: number): string =>
  Array.from({ length: n }, () => String(random.int(0, 9))).join('');

const US_AREA_CODES = ['212', '415', '312', '617', '206', '305', '512', '646', '718'] as const;

/** An exchange code that is neither N11 (service codes) nor starts with 0/1. */
const usExchange = (random: Random): string => {
  const code = `${random.int(2, 9)}${digits(random, 2)}`;
  return code.endsWith('11') ? `${code.slice(0, 2)}2` : code;
};

export const E164_TEMPLATES = {
  US: (r: Random) => `+1${r.pick(US_AREA_CODES)}${usExchange(r)}${digits(r, 4)}`,
  GB: (r: Random) => `+4420${r.int(7, 8)}${digits(r, 7)}`,
  DE: (r: Random) => `+4930${digits(r, 8)}`,
  FR: (r: Random) => `+336${r.pick([1, 2, 4, 5, 6, 7, 8])}${digits(r, 7)}`,
  IN: (r: Random) => `+919${digits(r, 9)}`,
  AU: (r: Random) => `+6141${digits(r, 7)}`,
  JP: (r: Random) => `+813${r.int(1, 9)}${digits(r, 7)}`,
  BR: (r: Random) => `+55119${digits(r, 8)}`,
  MX: (r: Random) => `+5255${digits(r, 8)}`,
} as const;

const LOCAL_US_FORMATS = [
  (a: string, e: string, n: string) => `(${a}) ${e}-${n}`,
  (a: string, e: string, n: string) => `${a}-${e}-${n}`,
  (a: string, e: string, n: string) => `${a}.${e}.${n}`,
  (a: string, e: string, n: string) => `${a}${e}${n}`,
  (a: string, e: string, n: string) => `+1 ${a} ${e} ${n}`,
] as const;

const INVALID_TEMPLATES = [
  (r: Random) => `555-${digits(r, 4)}`,
  (r: Random) => `+1000${digits(r, 7)}`,
  (r: Random) => digits(r, r.int(3, 6)),
  () => 'n/a',
  () => 'call me back',
  (r: Random) => `+999${digits(r, 6)}`,
  (r: Random) => `+4420${digits(r, 3)}`,
] as const;

export type CallbackNumberForm = 'e164' | 'local' | 'invalid';

export function generateCallbackNumber(random: Random, form: CallbackNumberForm): string {
  switch (form) {
    case 'e164':
      // Most contact lists are domestic: weight the US template up.
      return random.chance(0.5) ? E164_TEMPLATES.US(random) : random.pick(Object.values(E164_TEMPLATES))(random);
    case 'local':
      return random.pick(LOCAL_US_FORMATS)(random.pick(US_AREA_CODES), usExchange(random), digits(random, 4));
    case 'invalid':
      return random.pick(INVALID_TEMPLATES)(random);
  }
}

const FORM_WEIGHTS = { e164: 65, local: 22, invalid: 13 } as const;

/** One to three numbers; now and then the same number twice, as real lists have. */
export function generateCallbackNumbers(random: Random): string[] {
  const numbers = Array.from({ length: random.int(1, 3) }, () =>
    generateCallbackNumber(random, random.weighted(FORM_WEIGHTS)));
  if (random.chance(0.05)) numbers.push(numbers[0] as string);
  return numbers;
}
