// A wrong value as a rejection reason shows it: `not a date-time: "yesterday"`. Reasons end up
// in DLQ headers and error lines, so the text is bounded and describing never throws.
const MAX_LENGTH = 80;

function render(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (ArrayBuffer.isView(value)) return `bytes(${value.byteLength})`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function describeValue(value: unknown): string {
  const text = render(value);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
