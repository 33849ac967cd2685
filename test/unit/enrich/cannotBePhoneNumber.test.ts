// The pre-check that spares libphonenumber-js its thrown ParseErrors must never call a number
// invalid that the library calls valid: it only answers early, never differently.
import fc from 'fast-check';
import { parsePhoneNumberFromString, parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { cannotBePhoneNumber } from '../../../src/enrich/cannotBePhoneNumber.js';
import { arbitraryCallbackNumber } from '../../helpers/arbitraries.js';

const libraryValid = (raw: string, region: CountryCode) => parsePhoneNumberFromString(raw, { defaultCountry: region, extract: false })?.isValid() === true;
const libraryThrows = (raw: string) => {
  try {
    parsePhoneNumberWithError(raw, { defaultCountry: 'US', extract: false });
    return false;
  } catch {
    return true;
  }
};

describe('cannotBePhoneNumber', () => {
  it('answers a number of two digits early: no valid number is that short', () => {
    expect(cannotBePhoneNumber('12')).toBe(true);
    expect(libraryValid('12', 'US')).toBe(false);
  });

  it.each(['call me', 'n/a', '', '+', '0', '+999 235 959', '+999749318', '+(999) 12-34'])('answers %j early, where the library throws', (raw) => {
    expect(cannotBePhoneNumber(raw)).toBe(true);
    expect(libraryThrows(raw)).toBe(true);
  });

  it.each(['+13175550123', '(317) 555-0123', '+44 20 7946 0958', '+683 7290', '+800 1234 5678', '+882 13 1234', '+1 (317) 555-0123 ext. 12', '١٢٣٤٥٦٧٨٩٠'])('leaves %j to the library', (raw) => {
    expect(cannotBePhoneNumber(raw)).toBe(false);
  });

  it('property: never says "cannot" to a number the library calls valid, in any region', () => {
    const shaped = fc.oneof(
      arbitraryCallbackNumber(),
      fc.stringMatching(/^\+?[0-9 ()-]{0,16}$/),
      fc.tuple(fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^[0-9]{2,12}$/)).map(([code, rest]) => `+${code}${rest}`),
    );
    fc.assert(fc.property(shaped, fc.constantFrom<CountryCode>('US', 'DE', 'GB', 'NU', 'IN'), (raw, region) =>
      !cannotBePhoneNumber(raw) || !libraryValid(raw, region)), { numRuns: 5000 });
  });
});
