import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalTime } from '../../../src/enrich/formatLocalTime.js';

const at = (iso: string): number => Date.parse(iso);

describe('formatLocalTime', () => {
  it('gives the wall-clock time with the zone offset', () => {
    expect(formatLocalTime(at('2026-11-25T13:03:00Z'), 'Europe/Berlin')).toBe('2026-11-25T14:03:00.000+01:00');
    expect(formatLocalTime(at('2026-11-25T13:03:00.123Z'), 'America/New_York')).toBe('2026-11-25T08:03:00.123-05:00');
    expect(formatLocalTime(at('2026-11-25T13:03:00Z'), 'UTC')).toBe('2026-11-25T13:03:00.000+00:00');
  });

  it('uses the summer-time offset in summer', () => {
    expect(formatLocalTime(at('2026-07-01T10:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01T12:00:00.000+02:00');
    expect(formatLocalTime(at('2026-07-01T10:00:00Z'), 'America/New_York')).toBe('2026-07-01T06:00:00.000-04:00');
  });

  it('keeps quarter- and half-hour offsets', () => {
    expect(formatLocalTime(at('2026-11-25T13:03:00Z'), 'Asia/Kathmandu')).toBe('2026-11-25T18:48:00.000+05:45');
    expect(formatLocalTime(at('2026-11-25T13:03:00Z'), 'America/St_Johns')).toBe('2026-11-25T09:33:00.000-03:30');
  });

  it('switches offset at the exact millisecond of a DST change (Berlin, spring and autumn)', () => {
    expect(formatLocalTime(at('2026-03-29T00:59:59.999Z'), 'Europe/Berlin')).toBe('2026-03-29T01:59:59.999+01:00');
    expect(formatLocalTime(at('2026-03-29T01:00:00.000Z'), 'Europe/Berlin')).toBe('2026-03-29T03:00:00.000+02:00');
    expect(formatLocalTime(at('2026-10-25T00:59:59.999Z'), 'Europe/Berlin')).toBe('2026-10-25T02:59:59.999+02:00');
    expect(formatLocalTime(at('2026-10-25T01:00:00.000Z'), 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000+01:00');
  });

  it('handles a change in the middle of a UTC hour (Lord Howe moves by 30 minutes at xx:30Z)', () => {
    // Fill the cache with the hour's first minutes before crossing the change inside it.
    expect(formatLocalTime(at('2026-10-03T15:00:00.000Z'), 'Australia/Lord_Howe')).toBe('2026-10-04T01:30:00.000+10:30');
    expect(formatLocalTime(at('2026-10-03T15:29:59.999Z'), 'Australia/Lord_Howe')).toBe('2026-10-04T01:59:59.999+10:30');
    expect(formatLocalTime(at('2026-10-03T15:30:00.000Z'), 'Australia/Lord_Howe')).toBe('2026-10-04T02:30:00.000+11:00');
    expect(formatLocalTime(at('2026-10-03T15:00:00.000Z'), 'Australia/Lord_Howe')).toBe('2026-10-04T01:30:00.000+10:30');
  });

  it('writes seconds in the offset when the zone had them (local mean time)', () => {
    expect(formatLocalTime(at('1850-06-01T12:00:00Z'), 'Europe/Berlin')).toBe('1850-06-01T12:53:28.000+00:53:28');
  });

  it.each(['Mars/Olympus', 'Europe/Atlantis', '', 'not a zone at all'])('gives null for the unknown zone %j', (zone) => {
    expect(formatLocalTime(at('2026-11-25T13:03:00Z'), zone)).toBeNull();
  });

  it('gives null for an instant outside the Date range', () => {
    expect(formatLocalTime(9e15, 'Europe/Berlin')).toBeNull();
    expect(formatLocalTime(Number.NaN, 'Europe/Berlin')).toBeNull();
  });
});

// An oracle without any cache: Intl's own wall-clock fields and offset for the instant.
const ORACLE_FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatWithIntl(instant: number, timeZone: string): string {
  let formatter = ORACLE_FORMATTERS.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', timeZoneName: 'longOffset',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    ORACLE_FORMATTERS.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', '') || '+00:00';
  const millis = String(((instant % 1000) + 1000) % 1000).padStart(3, '0');
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}.${millis}${offset}`;
}

const HOUR = 3_600_000;
const offsetOf = (instant: number, zone: string): string => formatWithIntl(instant, zone).slice(23);

describe('formatLocalTime (properties)', () => {
  const zones = fc.constantFrom(
    'Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kathmandu',
    'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca', 'Asia/Tehran', 'UTC',
  );
  // Years 1970–2100: Intl writes years below 1000 without padding, which the oracle does not fix up.
  const instants = fc.integer({ min: 0, max: 4_102_444_800_000 });

  it('agrees with Intl for any instant', () => {
    fc.assert(fc.property(instants, zones, (instant, zone) => {
      expect(formatLocalTime(instant, zone)).toBe(formatWithIntl(instant, zone));
    }), { numRuns: 2_000 });
  });

  it('agrees with Intl minute by minute around every offset change of 2026', () => {
    const STEP = 6 * HOUR; // offset changes are months apart: one per window at most
    let changes = 0;
    for (const zone of ['Europe/Berlin', 'Australia/Lord_Howe', 'Africa/Casablanca', 'America/Santiago', 'Pacific/Chatham']) {
      let offset = offsetOf(Date.UTC(2026, 0, 1), zone);
      for (let start = Date.UTC(2026, 0, 1); start < Date.UTC(2027, 0, 1); start += STEP) {
        const next = offsetOf(start + STEP, zone);
        if (next === offset) continue;
        offset = next;
        changes++;
        // Walk the window and an hour either side, off the minute grid by a few ms.
        for (let instant = start - HOUR + 7; instant < start + STEP + HOUR; instant += 60_000) {
          expect(formatLocalTime(instant, zone)).toBe(formatWithIntl(instant, zone));
        }
      }
    }
    expect(changes).toBeGreaterThanOrEqual(8);
  });
});
