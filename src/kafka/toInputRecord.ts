// KafkaJS message → the pipeline's InputRecord. Header values become Buffers; Kafka allows a
// header key to repeat, the pipeline's Headers keep the last value of each key.
import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { Headers, InputRecord } from '../pipeline/types.js';

export function toHeaders(headers: IHeaders | undefined): Headers {
  const result: Headers = {};
  if (!headers) return result;
  for (const [name, value] of Object.entries(headers)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last === undefined) continue;
    result[name] = typeof last === 'string' ? Buffer.from(last, 'utf8') : last;
  }
  return result;
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
