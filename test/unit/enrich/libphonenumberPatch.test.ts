// patches/libphonenumber-js+1.13.16.patch makes the library build each RegExp once per pattern
// string instead of once per test, and drops Babel's object-spread helper from parse (together
// half a new number's cost, BENCHMARKS.md). The answers must not move: these were taken from
// the unpatched 1.13.16 (validity and E.164, `max` metadata, strict parsing as enrich uses it).
// And the patch must be in place: a parse of a number already seen builds no RegExp at all.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { afterEach, describe, expect, it } from 'vitest';

const ANSWERS: ReadonlyArray<readonly [raw: string, region: CountryCode, e164: string | null]> = [
  ['+1 317 555 0123', 'US', '+13175550123'], ['(317) 555-0123', 'US', '+13175550123'], ['317-555-0123', 'US', '+13175550123'],
  ['3175550123', 'US', '+13175550123'], ['1 (212) 555-0187', 'US', '+12125550187'], ['+1 212 555 0187', 'US', '+12125550187'],
  ['+12125550187', 'US', '+12125550187'], ['+1 800 234 9176', 'US', '+18002349176'], ['+1 684 733 1234', 'US', '+16847331234'],
  ['+1 787 555 0199', 'US', '+17875550199'], ['+1 416 555 0199', 'US', '+14165550199'], ['+1 876 555 0199', 'US', '+18765550199'],
  ['+1 242 359 1234', 'US', '+12423591234'], ['+1 123 456 7890', 'US', null], ['555-0123', 'US', null],
  ['011 44 20 7946 0958', 'US', '+442079460958'], ['011 49 30 901820', 'US', '+4930901820'], ['+44 20 7946 0958', 'US', '+442079460958'],
  ['020 7946 0958', 'GB', '+442079460958'], ['07700 900123', 'GB', null], ['00 44 20 7946 0958', 'GB', '+442079460958'],
  ['+49 30 73593186', 'US', '+493073593186'], ['030 73593186', 'DE', '+493073593186'], ['+81 3 6544 0504', 'US', '+81365440504'],
  ['03-6544-0504', 'JP', '+81365440504'], ['+33 1 42 68 53 00', 'US', '+33142685300'], ['01 42 68 53 00', 'FR', '+33142685300'],
  ['+91 1387 7792', 'US', null], ['+91 98765 43210', 'US', '+919876543210'], ['098765 43210', 'IN', '+919876543210'],
  ['+55 11 91234 5678', 'US', '+5511912345678'], ['0 11 91234 5678', 'BR', '+5511912345678'], ['+57 601 234 5678', 'US', '+576012345678'],
  ['+61 2 9374 4000', 'US', '+61293744000'], ['(02) 9374 4000', 'AU', '+61293744000'], ['+7 495 123 45 67', 'US', '+74951234567'],
  ['8 495 123 45 67', 'RU', '+74951234567'], ['+86 10 6552 9988', 'US', '+861065529988'], ['+229 01 90 01 12 34', 'US', '+2290190011234'],
  ['+263 131 234 4', 'US', null], ['+678 869 84', 'US', null], ['+423 800 418 6', 'US', null], ['+999 123 456 789', 'US', null],
  ['+800 1234 5678', 'US', '+80012345678'], ['+882 1234 5678', 'US', null], ['1-800-FLOWERS', 'US', null],
  ['call me at +1 317 555 0123', 'US', null], ['+1 317 555 0123 ext. 42', 'US', '+13175550123'], ['+٤٤٢٠٧٩٤٦٠٩٥٨', 'US', '+442079460958'],
  ['+1 (317) 555-01', 'US', null],
];

function toE164(raw: string, region: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw, { defaultCountry: region, extract: false });
  return parsed !== undefined && parsed.isValid() ? parsed.number : null;
}

const NativeRegExp = globalThis.RegExp;
afterEach(() => {
  globalThis.RegExp = NativeRegExp;
});

/** Runs `work` with the global RegExp constructor counted (the library calls `new RegExp(...)`). */
function countRegExpsBuilt(work: () => void): number {
  let built = 0;
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args: [string, string?], newTarget: new (...a: unknown[]) => RegExp) {
      built++;
      return Reflect.construct(target, args, newTarget) as RegExp;
    },
  });
  try {
    work();
  } finally {
    globalThis.RegExp = NativeRegExp;
  }
  return built;
}

describe('libphonenumber-js, patched', () => {
  it.each(ANSWERS)('%s (default %s) → %s, as the unpatched library answers', (raw, region, e164) => {
    expect(toE164(raw, region)).toBe(e164);
    // Again, now that every RegExp it needs is memoised: the same answer.
    expect(toE164(raw, region)).toBe(e164);
  });

  it('builds no RegExp for a number whose patterns it has already used (the patch is applied)', () => {
    for (const [raw, region] of ANSWERS) toE164(raw, region);
    // Different digits, same countries and shapes: every pattern string has been seen.
    const built = countRegExpsBuilt(() => {
      for (const [raw, region] of ANSWERS) toE164(raw.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10)), region);
    });
    expect(built).toBe(0);
  });

  it('counts RegExps built (the check above can fail)', () => {
    expect(countRegExpsBuilt(() => new RegExp('^1$').test('1'))).toBe(1);
  });
});
