// KafkaJS message → the pipeline's InputRecord, and the pipeline's Headers → KafkaJS's headers.
// KafkaJS gives headers as an object whose repeated keys hold arrays of values (null kept), so the
// list is rebuilt from it: values of one key stay in their order, keys in the order KafkaJS met
// them (an object cannot hold a, b, a interleaved; they come out as a, a, b).
import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { Header, Headers, InputRecord } from '../pipeline/types.js';

type KafkaJsHeaderValue = Buffer | string | null | undefined;

const toBuffer = (value: Buffer | string | null): Buffer | null => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);

export function toHeaders(headers: IHeaders | undefined): Headers {
  const result: Header[] = [];
  if (!headers) return result;
  for (const key of Object.keys(headers)) {
    const value = headers[key] as KafkaJsHeaderValue | KafkaJsHeaderValue[];
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined) result.push({ key, value: toBuffer(one) });
    }
  }
  return result;
}

/** KafkaJS's header object: a repeated key becomes an array of its values, in order. */
export function toKafkaJsHeaders(headers: Headers): IHeaders {
  // No prototype, so a header named `__proto__` (or `constructor`) is an ordinary own key, and
  // plain assignment is enough (it is once per header of every record sent).
  const out = Object.create(null) as Record<string, Buffer | null | Array<Buffer | null>>;
  for (const { key, value } of headers) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  // KafkaJS's typings have no null, but its encoder writes null as Kafka's null header value.
  return out as IHeaders;
}

export function toInputRecord(topic: string, partition: number, message: KafkaMessage): InputRecord {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: Number(message.timestamp),
    key: message.key ?? null,
    value: message.value ?? null,
    headers: toHeaders(message.headers),
  };
}
