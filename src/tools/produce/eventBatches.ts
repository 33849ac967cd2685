// Sources of `produce`: generated events or a file of Genesys JSON lines, both cut into batches
// of encoded records (encoding ahead of the send is what lets the producer keep up), each with a
// tally of what it holds for the summary.
import { mapGenesysJson } from '../../model/mapGenesysJson.js';
import { formatRejection } from '../../model/mapFields.js';
import type { OutputRecord } from '../../pipeline/types.js';
import type { Line } from '../../streams/readLines.js';
import { encodeCallback, encodeEvent, type WriterCodec, type WriterCodecs } from '../generate/encodeEvent.js';
import type { GeneratedEvent } from '../generate/generateEvents.js';
import { describeError } from '../../errors.js';

export interface EventBatch {
  records: OutputRecord[];
  /** kind label → records of this batch: canonical, unknownEnum, evolved, poison.<REASON>, file. */
  kinds: Record<string, number>;
}

export function kindLabel(event: GeneratedEvent): string {
  return event.kind === 'poison' ? `poison.${event.poison}` : event.kind;
}

export function* generatedBatches(events: Iterable<GeneratedEvent>, codecs: WriterCodecs, topic: string, batchSize: number): Generator<EventBatch> {
  let batch: EventBatch = { records: [], kinds: {} };
  for (const event of events) {
    batch.records.push({ topic, key: Buffer.from(event.key), value: encodeEvent(event, codecs), headers: [] });
    const label = kindLabel(event);
    batch.kinds[label] = (batch.kinds[label] ?? 0) + 1;
    if (batch.records.length >= batchSize) {
      yield batch;
      batch = { records: [], kinds: {} };
    }
  }
  if (batch.records.length > 0) yield batch;
}

export interface FileLineProblem {
  line: number;
  reason: string;
}

/** `--from-file`: each line mapped like `transform` maps it, then written with the canonical schema. */
export async function* fileBatches(
  lines: AsyncIterable<Line[]>, codec: WriterCodec, topic: string, limit: number | undefined, onBadLine: (problem: FileLineProblem) => void,
): AsyncGenerator<EventBatch> {
  let taken = 0;
  for await (const chunk of lines) {
    const batch: EventBatch = { records: [], kinds: {} };
    for (const line of chunk) {
      if (limit !== undefined && taken >= limit) break;
      const text = line.bytes?.toString('utf8');
      if (text === undefined) {
        onBadLine({ line: line.number, reason: 'line too long' });
        continue;
      }
      if (text.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        onBadLine({ line: line.number, reason: `not JSON: ${describeError(error)}` });
        continue;
      }
      const mapped = mapGenesysJson(parsed);
      if (!mapped.ok) {
        onBadLine({ line: line.number, reason: formatRejection(mapped.error) });
        continue;
      }
      const { callback } = mapped.value;
      const value = encodeCallback(callback, codec);
      batch.records.push({ topic, key: callback.id === undefined ? null : Buffer.from(callback.id), value, headers: [] });
      taken += 1;
    }
    if (batch.records.length > 0) {
      batch.kinds.file = batch.records.length;
      yield batch;
    }
    if (limit !== undefined && taken >= limit) return;
  }
}
