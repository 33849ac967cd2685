// A batch's records through the pure pipeline, one by one, with the counts the metrics need: the
// same code whether the batch runs on the main thread or on a pipeline thread
// (createPipelineThreads.ts), so both give the same records and the same counts.
import type { DlqReason, InputRecord, OutputRecord, ProcessOutcome } from '../pipeline/types.js';

/** What processing a batch's records counted, for metrics. */
export interface RecordStats {
  produced: number;
  /** Route copies per route topic. */
  routed: Map<string, number>;
  deadLettered: DlqReason[];
  coreBugs: number;
  /** Field paths (`state`, `voicemail.uploadStatus`) of every enum value that fell back. */
  enumFallbacks: string[];
}

export interface ProcessedRecords {
  /** Every output, route and DLQ record, in input order. */
  records: OutputRecord[];
  stats: RecordStats;
}

/** Turns a batch's records into what to send; may run elsewhere (a thread), hence a promise allowed. */
export type ProcessRecords = (records: readonly InputRecord[], now: number) => ProcessedRecords | Promise<ProcessedRecords>;

export function processRecords(
  inputs: readonly InputRecord[], now: number, process: (record: InputRecord, now: number) => ProcessOutcome,
): ProcessedRecords {
  const records: OutputRecord[] = [];
  const stats: RecordStats = { produced: 0, routed: new Map(), deadLettered: [], coreBugs: 0, enumFallbacks: [] };
  for (const record of inputs) {
    const outcome = process(record, now);
    if (outcome.kind === 'produce') {
      records.push(...outcome.records);
      stats.produced += 1;
      // records[0] is the OUTPUT_TOPIC copy; the rest are route copies.
      for (let i = 1; i < outcome.records.length; i += 1) {
        const topic = outcome.records[i]!.topic;
        stats.routed.set(topic, (stats.routed.get(topic) ?? 0) + 1);
      }
      stats.enumFallbacks.push(...Object.keys(outcome.enriched.unknownEnumValues));
    } else {
      records.push(outcome.record);
      stats.deadLettered.push(outcome.rejection.reason);
      if (outcome.coreBug) stats.coreBugs += 1;
    }
  }
  return { records, stats };
}
