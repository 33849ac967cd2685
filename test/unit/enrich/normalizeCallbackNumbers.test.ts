import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearPhoneCache, normalizeCallbackNumbers, readPhoneCacheStats, toE164,
} from '../../../src/enrich/normalizeCallbackNumbers.js';
import { arbitraryCallbackNumber } from '../../helpers/arbitraries.js';

beforeEach(() => clearPhoneCache());

describe('normalizeCallbackNumbers', () => {
  it('gives E.164 for numbers with a country code, whatever the region', () => {
    expect(normalizeCallbackNumbers(['+44 20 7946 0958', '+49 30 901820'], 'US'))
      .toEqual({ e164: ['+442079460958', '+4930901820'], invalid: [] });
  });

  it('reads numbers without a country code in the given region', () => {
    expect(normalizeCallbackNumbers(['(213) 373-4253'], 'US').e164).toEqual(['+12133734253']);
    expect(normalizeCallbackNumbers(['030 901820'], 'DE').e164).toEqual(['+4930901820']);
    expect(normalizeCallbackNumbers(['020 7946 0958'], 'GB').e164).toEqual(['+442079460958']);
  });

  it('reads international dialling prefixes of the region', () => {
    expect(normalizeCallbackNumbers(['011 49 30 901820'], 'US').e164).toEqual(['+4930901820']);
    expect(normalizeCallbackNumbers(['0049 30 901820'], 'DE').e164).toEqual(['+4930901820']);
  });

  it('lists a national number that is not valid in the region as invalid, as given', () => {
    expect(normalizeCallbackNumbers(['020 7946 0958'], 'US')).toEqual({ e164: [], invalid: ['020 7946 0958'] });
  });

  it('lists invalid numbers as given, in order', () => {
    expect(normalizeCallbackNumbers(['12345', '+1 213 373 4253', '', 'call me'], 'US'))
      .toEqual({ e164: ['+12133734253'], invalid: ['12345', '', 'call me'] });
  });

  it('checks the digits, not only the length (max metadata)', () => {
    // Right length for India, but no Indian number starts with 1: the min metadata accepts it.
    expect(normalizeCallbackNumbers(['+91 1387 7792'], 'US').invalid).toEqual(['+91 1387 7792']);
  });

  it('does not extract a number from surrounding text', () => {
    expect(normalizeCallbackNumbers(['call me at +1 213 373 4253'], 'US').e164).toEqual([]);
  });

  it('removes duplicates after normalising and keeps first-seen order', () => {
    const numbers = ['+49 30 901820', '(213) 373-4253', '+12133734253', '213.373.4253', '12', '12'];
    expect(normalizeCallbackNumbers(numbers, 'US')).toEqual({
      e164: ['+4930901820', '+12133734253'],
      invalid: ['12', '12'],
    });
    expect(normalizeCallbackNumbers(['030 901820', '+49 30 901820', '0049 30 901820'], 'DE').e164).toEqual(['+4930901820']);
  });

  it('gives empty lists for absent or empty callbackNumbers', () => {
    expect(normalizeCallbackNumbers(undefined, 'US')).toEqual({ e164: [], invalid: [] });
    expect(normalizeCallbackNumbers([], 'US')).toEqual({ e164: [], invalid: [] });
  });
});

describe('the phone cache', () => {
  it('parses a repeated number once per region', () => {
    toE164('(213) 373-4253', 'US');
    toE164('(213) 373-4253', 'US');
    toE164('(213) 373-4253', 'CA');
    expect(readPhoneCacheStats()).toMatchObject({ lookups: 3, misses: 2 });
  });

  it('does not leak one region\'s answer into another', () => {
    expect(toE164('030 901820', 'DE')).toBe('+4930901820');
    expect(toE164('030 901820', 'US')).toBeNull();
  });
});

describe('normalizeCallbackNumbers (properties)', () => {
  const regions = fc.constantFrom('US' as const, 'GB' as const, 'DE' as const, 'IN' as const);

  it('outputs unique, valid E.164 numbers, each from an input; the rest are the invalid inputs', () => {
    fc.assert(fc.property(fc.array(arbitraryCallbackNumber(), { maxLength: 6 }), regions, (numbers, region) => {
      const { e164, invalid } = normalizeCallbackNumbers(numbers, region);
      expect(new Set(e164).size).toBe(e164.length);
      const expectedValid: string[] = [];
      const expectedInvalid: string[] = [];
      // An oracle without the cache: the library called directly.
      for (const raw of numbers) {
        const parsed = parsePhoneNumberFromString(raw, { defaultCountry: region, extract: false });
        if (parsed?.isValid()) expectedValid.push(parsed.number);
        else expectedInvalid.push(raw);
      }
      expect(e164).toEqual([...new Set(expectedValid)]);
      expect(invalid).toEqual(expectedInvalid);
      for (const number of e164) expect(number).toMatch(/^\+[1-9]\d+$/);
    }));
  });

  it('gives the same answer from a cold and a warm cache', () => {
    fc.assert(fc.property(fc.array(arbitraryCallbackNumber(), { maxLength: 6 }), regions, (numbers, region) => {
      const warm = normalizeCallbackNumbers(numbers, region);
      clearPhoneCache();
      expect(normalizeCallbackNumbers(numbers, region)).toEqual(warm);
    }));
  });
});
