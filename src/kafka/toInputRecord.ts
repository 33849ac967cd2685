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
  const result: Record<string, Array<Buffer | null>> = Object.create(null) as Record<string, Array<Buffer | null>>;
  for (const { key, value } of headers) (result[key] ??= []).push(value);
  const out: IHeaders = {};
  for (const key of Object.keys(result)) {
    const values = result[key]!;
    // KafkaJS's typings have no null, but its encoder writes null as Kafka's null header value.
    Object.defineProperty(out, key, { value: values.length === 1 ? values[0] : values, enumerable: true, writable: true, configurable: true });
  }
  return out;
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
