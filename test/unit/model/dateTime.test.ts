import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime, MAX_DATE_TIME, MIN_DATE_TIME, parseIsoDateTime } from '../../../src/model/dateTime.js';
import { arbitraryEpochMillis } from '../../helpers/arbitraries.js';

/** `epochMillis` written as local time at `offsetMinutes` east of UTC, with that offset. */
function withOffset(epochMillis: number, offsetMinutes: number): string {
  const local = formatDateTime(epochMillis + offsetMinutes * 60_000).slice(0, -1);
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${hhmm}`;
}

describe('parseIsoDateTime', () => {
  it('reads back what formatDateTime writes', () => {
    fc.assert(fc.property(arbitraryEpochMillis(), (ms) => parseIsoDateTime(formatDateTime(ms)) === ms));
  });

  it('reads any offset', () => {
    const inner = fc.integer({ min: MIN_DATE_TIME + 86_400_000, max: MAX_DATE_TIME - 86_400_000 });
    fc.assert(fc.property(inner, fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }), (ms, offset) =>
      parseIsoDateTime(withOffset(ms, offset)) === ms));
  });

  it.each([
    ['2024-03-07T10:15:30.123Z', Date.UTC(2024, 2, 7, 10, 15, 30, 123)],
    ['2024-03-07t10:15:30z', Date.UTC(2024, 2, 7, 10, 15, 30)],
    ['2024-03-07 10:15:30+0100', Date.UTC(2024, 2, 7, 9, 15, 30)],
    ['2024-03-07T10:15:30,5+01', Date.UTC(2024, 2, 7, 9, 15, 30, 500)],
    ['0099-06-01T00:00:00Z', -59_029_948_800_000], // not 1999: years 0–99 are taken as written
  ])('%s', (text, expected) => {
    expect(parseIsoDateTime(text)).toBe(expected);
  });

  it.each([
    'yesterday', '2024', '2024-03-07', 'March 7, 2024', '2024-03-07T10:15:30', '2024-13-01T00:00:00Z',
    '2024-00-01T00:00:00Z', '2024-04-31T00:00:00Z', '1900-02-29T00:00:00Z', '2024-03-07T10:60:00Z',
    '2024-03-07T10:15:60Z', '2024-03-07T10:15:30+24:00', '+012024-03-07T10:15:30Z', ' 2024-03-07T10:15:30Z',
    '2024-03-07T10:15:30.Z', '0000-01-01T00:00:00+00:01',
  ])('rejects %j', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });
});
