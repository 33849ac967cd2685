// An instant as ISO-8601 wall-clock time in an IANA zone, with the zone's offset at that instant:
// 2026-11-25T14:03:00.000+01:00. Intl knows the zones (tzdata inside ICU); a name it does not
// know gives null instead of an exception, because campaign data is not ours to trust.
//
// Intl is slow (a few µs a call), so the offset is memoised per zone and UTC hour. An hour is
// cached only when the offset at its first and last millisecond agree, i.e. no transition falls
// inside it (transitions are months apart); an hour that holds one is computed per call.
import { createLruCache, type LruCache } from './createLruCache.js';

const HOUR_MS = 3_600_000;
// Date's range is ±8.64e15 ms; keep a day's margin so instant + offset stays a valid Date.
const MAX_INSTANT = 8.64e15 - 86_400_000;
// IANA has about 600 names; campaign data may hold other strings, which are cached as unknown.
const ZONE_CACHE_CAPACITY = 1_024;
// Hours per zone: scheduled callbacks cluster within days of now, so a few weeks' worth.
const HOURS_PER_ZONE = 1_024;

// "GMT", "GMT+01:00", "GMT-03:30:52" (local mean time before standard zones had whole minutes).
const GMT_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

interface Zone {
  formatter: Intl.DateTimeFormat;
  /** Offset in ms by hour number (instant / HOUR_MS): small integer keys hash fast. */
  offsetByHour: LruCache<number, number>;
}

/** null = a name Intl does not know. */
const zones = createLruCache<string, Zone | null>(ZONE_CACHE_CAPACITY);

function resolveZone(timeZone: string): Zone | null {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    try {
      const formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
      zone = { formatter, offsetByHour: createLruCache<number, number>(HOURS_PER_ZONE) };
    } catch {
      zone = null; // RangeError: not a time zone Intl knows
    }
    zones.set(timeZone, zone);
  }
  return zone;
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
function computeOffsetMs(formatter: Intl.DateTimeFormat, instant: number): number {
  const match = GMT_OFFSET.exec(formatter.format(instant));
  if (match === null || match[1] === undefined) return 0;
  const [, sign, hours, minutes, seconds = '0'] = match;
  const ms = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  return sign === '-' ? -ms : ms;
}

function offsetAt(zone: Zone, instant: number): number {
  const hour = Math.floor(instant / HOUR_MS);
  const cached = zone.offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const hourStart = hour * HOUR_MS;
  const atStart = computeOffsetMs(zone.formatter, hourStart);
  if (atStart !== computeOffsetMs(zone.formatter, hourStart + HOUR_MS - 1)) return computeOffsetMs(zone.formatter, instant);
  zone.offsetByHour.set(hour, atStart);
  return atStart;
}

// Offsets as text, by ms. tzdb holds a few hundred distinct offsets, so this stays small.
const offsetTexts = new Map<number, string>();

function offsetText(offsetMs: number): string {
  let text = offsetTexts.get(offsetMs);
  if (text === undefined) {
    text = formatOffset(offsetMs);
    offsetTexts.set(offsetMs, text);
  }
  return text;
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalSeconds = Math.abs(offsetMs) / 1000;
  const hh = String(Math.floor(totalSeconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor(totalSeconds / 60) % 60).padStart(2, '0');
  const ss = totalSeconds % 60;
  // ISO-8601 has no seconds in an offset; java.time writes them when there are any, and
  // dropping them would make the wall time and the offset disagree.
  return ss === 0 ? `${sign}${hh}:${mm}` : `${sign}${hh}:${mm}:${String(ss).padStart(2, '0')}`;
}

/** `instant` (epoch millis) as local ISO-8601 with offset in `timeZone`, or null if the zone is unknown. */
export function formatLocalTime(instant: number, timeZone: string): string | null {
  if (!Number.isInteger(instant) || Math.abs(instant) > MAX_INSTANT) return null;
  // Intl reads a missing zone as the machine's own: the result would depend on where it runs.
  if (typeof timeZone !== 'string' || timeZone === '') return null;
  const zone = resolveZone(timeZone);
  if (zone === null) return null;
  const offsetMs = offsetAt(zone, instant);
  // Shift the instant by the offset and let toISOString print the wall clock; drop its "Z".
  const wallClock = new Date(instant + offsetMs).toISOString().slice(0, -1);
  return wallClock + offsetText(offsetMs);
}
