// Record headers as Kafka has them: an ordered list in which a key may repeat and a value may be
// null (the Java and librdkafka clients can write both). Nothing is dropped or merged on the way
// through the worker, so a DLQ or output record carries exactly what the input carried.
import type { Header, Headers } from './types.js';

/** The value of the last header with this key (Kafka's `lastHeader`); undefined when absent. */
export function lastHeaderValue(headers: Headers, key: string): Buffer | null | undefined {
  for (let i = headers.length - 1; i >= 0; i -= 1) {
    const header = headers[i]!;
    if (header.key === key) return header.value;
  }
  return undefined;
}

/** The last value of `key` as UTF-8 text; undefined when the header is absent or null. */
export function headerText(headers: Headers, key: string): string | undefined {
  return lastHeaderValue(headers, key)?.toString('utf8');
}

/** A header with a text value. */
export function textHeader(key: string, value: string): Header {
  return { key, value: Buffer.from(value) };
}

/** The headers whose key passes `keep`, in their order. */
export function filterHeaders(headers: Headers, keep: (key: string) => boolean): Header[] {
  return headers.filter((header) => keep(header.key));
}

/** Plain view for JSON output and tests: every header in order, values as UTF-8, null kept. */
export function headersToTexts(headers: Headers): Array<{ key: string; value: string | null }> {
  return headers.map((header) => ({ key: header.key, value: header.value === null ? null : header.value.toString('utf8') }));
}
