// Date-times in the model are epoch millis. On the JSON side they are ISO-8601 strings with an
// offset, as the SDK writes them (`yyyy-MM-dd'T'HH:mm:ss.SSSXXX`). Date.parse is not used: it
// accepts "March 7, 2024" or "2024" and reads an offset-less string as local time, so the
// result would depend on the machine.
import type { EpochMillis } from './types.js';

/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: what a 4-digit ISO year can say. */
export const MIN_DATE_TIME: EpochMillis = -62_167_219_200_000;
export const MAX_DATE_TIME: EpochMillis = 253_402_300_799_999;

// date, T (or t or space, RFC 3339), time with optional seconds and fraction, offset required.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Epoch millis of an ISO-8601 date-time with offset, or undefined when it is not one. */
export function parseIsoDateTime(text: string): EpochMillis | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh = '0', om = '0'] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  const offsetHours = Number(oh), offsetMinutes = Number(om);
  const monthDays = month === 2 && !isLeapYear(year) ? 28 : DAYS_IN_MONTH[month - 1];
  if (monthDays === undefined || day < 1 || day > monthDays) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  // Fractions beyond millis are truncated, as Java's Instant → epoch millis does.
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offset = zulu !== undefined ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const epoch = date.getTime() - offset * 60_000;
  return isDateTimeInRange(epoch) ? epoch : undefined;
}

/** Whether a number is usable as a model date-time: whole millis within 4-digit years. */
export function isDateTimeInRange(value: number): boolean {
  return Number.isInteger(value) && value >= MIN_DATE_TIME && value <= MAX_DATE_TIME;
}

/** ISO-8601 in UTC with millis (`2024-03-07T10:15:30.000Z`); the JSON view's format. */
export function formatDateTime(epochMillis: EpochMillis): string {
  return new Date(epochMillis).toISOString();
}
