import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIRECTION_VALUES, DISCONNECT_TYPE_VALUES, ENUM_FIELDS, OUTDATED_SDK_VERSION, STATE_VALUES, UPLOAD_STATUS_VALUES,
} from '../../../src/model/enums.js';
import { fallbackEnum, foldCase } from '../../../src/model/fallbackEnum.js';
import { arbitraryAnyString, arbitraryEnumRaw } from '../../helpers/arbitraries.js';

describe('fallbackEnum: the SDK rule, case by case', () => {
  it.each([
    ['absent', STATE_VALUES, undefined, undefined],
    ['null', STATE_VALUES, null, undefined],
    ['canonical symbol', STATE_VALUES, 'CONNECTED', { value: 'CONNECTED' }],
    ['lower case', STATE_VALUES, 'connected', { value: 'CONNECTED' }],
    ['mixed case', DISCONNECT_TYPE_VALUES, 'Transfer_NoAnswer', { value: 'TRANSFER_NOANSWER' }],
    ['the fallback symbol itself, any case', DIRECTION_VALUES, 'outdatedsdkversion', { value: 'OutdatedSdkVersion' }],
    ['unknown symbol', STATE_VALUES, 'PARKED', { value: 'OutdatedSdkVersion', raw: 'PARKED' }],
    ['empty string', UPLOAD_STATUS_VALUES, '', { value: 'OutdatedSdkVersion', raw: '' }],
    ['surrounding blanks are not trimmed (the SDK does not)', DIRECTION_VALUES, ' INBOUND', { value: 'OutdatedSdkVersion', raw: ' INBOUND' }],
    ['a symbol of another enum', DIRECTION_VALUES, 'CONNECTED', { value: 'OutdatedSdkVersion', raw: 'CONNECTED' }],
    // Java's equalsIgnoreCase folds these non-ASCII letters onto ASCII ones; so must we.
    ['dotless ı (Java: equalsIgnoreCase "I")', STATE_VALUES, 'alertıng', { value: 'ALERTING' }],
    ['dotted İ (Java: simple lowercase i)', DIRECTION_VALUES, 'İNBOUND', { value: 'INBOUND' }],
    ['long ſ (Java: uppercase S)', DISCONNECT_TYPE_VALUES, 'ſpam', { value: 'SPAM' }],
    ['ß is not SS', DISCONNECT_TYPE_VALUES, 'TRANSFER_CONßULT', { value: 'OutdatedSdkVersion', raw: 'TRANSFER_CONßULT' }],
  ] as const)('%s', (_label, values, raw, expected) => {
    expect(fallbackEnum(values, raw)).toEqual(expected);
  });

  it.each(Object.entries(ENUM_FIELDS))('%s: the first symbol is OutdatedSdkVersion, the SDK fallback', (_path, values) => {
    expect(values[0]).toBe(OUTDATED_SDK_VERSION);
  });
});

describe('foldCase', () => {
  it('equals lower case for ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) }), (s) => foldCase(s) === s.toLowerCase()));
  });

  it('keeps the length in UTF-16 units, as Java compares char by char', () => {
    fc.assert(fc.property(arbitraryAnyString(), (s) => foldCase(s).length === s.length));
  });
});

describe('fallbackEnum: properties', () => {
  const enums = fc.constantFrom(...Object.values(ENUM_FIELDS));
  const enumAndRaw = enums.chain((values) => fc.tuple(fc.constant(values), arbitraryEnumRaw(values)));

  it('never throws and always yields a member', () => {
    fc.assert(fc.property(enumAndRaw, ([values, raw]) => {
      const result = fallbackEnum(values, raw);
      expect(values).toContain(result?.value);
    }));
  });

  it('records the raw value exactly when it fell back', () => {
    fc.assert(fc.property(enumAndRaw, ([values, raw]) => {
      const result = fallbackEnum(values, raw);
      const matches = values.some((symbol) => foldCase(symbol) === foldCase(raw));
      expect(result?.raw).toBe(matches ? undefined : raw);
    }));
  });

  it('is case-insensitive: re-casing ASCII letters changes nothing but the recorded raw text', () => {
    const swapCase = (s: string): string => s.replace(/[a-z]/gi, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()));
    fc.assert(fc.property(enumAndRaw, ([values, raw]) => {
      const swapped = fallbackEnum(values, swapCase(raw));
      const original = fallbackEnum(values, raw);
      expect(swapped?.value).toBe(original?.value);
      expect(swapped?.raw).toBe(original?.raw === undefined ? undefined : swapCase(raw));
    }));
  });

  it('is idempotent: a result maps to itself, with nothing recorded', () => {
    fc.assert(fc.property(enumAndRaw, ([values, raw]) => {
      const once = fallbackEnum(values, raw);
      expect(fallbackEnum(values, once?.value)).toEqual({ value: once?.value });
    }));
  });
});
