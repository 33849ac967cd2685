// One line of read_output.py (the outside read_committed reader), as the accounting reads it.

export type ReadRecord =
  /** An input record; `c` is the fuzz case id it carries (chaos.case header), if any. */
  | { k: 'in'; p: number; o: number; c?: number }
  /** An output record by its source; `bad` when the strict Avro reader rejected the value. */
  | { k: 'out'; p: number | null; o: number | null; t?: number | null; topic?: string; bad?: string }
  | { k: 'dlq'; p: number | null; o: number | null; t?: number | null; reason: string | null }
  /** After each topic: whether it was read to its high watermarks. */
  | { k: 'end'; topic: string; complete: boolean; note: string };

/** Parses the reader's JSON lines; a line that is not JSON is a harness bug and throws. */
export function parseReadRecords(text: string): ReadRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ReadRecord);
}
