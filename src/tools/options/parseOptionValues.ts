// Commander hands option values over as strings; these turn them into numbers or say which
// option is wrong, so each command reports usage errors the same way (exit 2).

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseIntegerOption(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${name}: expected a whole number of at least ${min}, got "${raw}"`);
  }
  return value;
}

export function parseRateOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`${name}: expected a number above 0, got "${raw}"`);
  return value;
}

export function parseRatioOption(name: string, raw: string | undefined): number {
  if (raw === undefined) return 0;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${name}: expected a ratio between 0 and 1, got "${raw}"`);
  return value;
}

export function parseTimeOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(value)) throw new UsageError(`${name}: expected an ISO-8601 date-time (e.g. 2025-03-01T12:00:00Z) or epoch millis, got "${raw}"`);
  return value;
}
