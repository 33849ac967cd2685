// Record-by-record comparison of two systems' enriched output (the worker's and a peer's): the
// same input record has the same eventId in both, so records are matched on it, and every field
// of the projection that differs is counted, with one example.

/** The fields compared, flattened: derived.*, unknownEnumValues, campaign, source. */
export type Projection = Record<string, string>;

export interface FieldDifference {
  field: string;
  count: number;
  example: { eventId: string; left: string; right: string };
}

export interface Comparison {
  /** eventIds present in both. */
  matched: number;
  onlyLeft: number;
  onlyRight: number;
  /** Records (of the matched) with at least one differing field. */
  differingRecords: number;
  differences: FieldDifference[];
}

/** The projection of one decoded EnrichedConversationCallback (avsc's plain object). */
export function projectEnriched(record: {
  derived: Record<string, unknown>;
  unknownEnumValues: Record<string, string>;
  campaign: unknown;
  source: unknown;
}): Projection {
  const projection: Projection = {};
  for (const [name, value] of Object.entries(record.derived)) projection[`derived.${name}`] = stableJson(value);
  projection.unknownEnumValues = stableJson(record.unknownEnumValues);
  projection.campaign = stableJson(record.campaign);
  projection.source = stableJson(record.source);
  return projection;
}

/** JSON with object keys sorted, so maps and records compare by content, not key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner) || inner instanceof Date) return inner;
    return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }) ?? 'undefined';
}

export function compareEnriched(left: ReadonlyMap<string, Projection>, right: ReadonlyMap<string, Projection>): Comparison {
  const byField = new Map<string, FieldDifference>();
  let matched = 0;
  let differingRecords = 0;
  for (const [eventId, l] of left) {
    const r = right.get(eventId);
    if (r === undefined) continue;
    matched++;
    let differs = false;
    for (const field of new Set([...Object.keys(l), ...Object.keys(r)])) {
      const lv = l[field] ?? 'absent';
      const rv = r[field] ?? 'absent';
      if (lv === rv) continue;
      differs = true;
      const known = byField.get(field);
      if (known) known.count++;
      else byField.set(field, { field, count: 1, example: { eventId, left: lv, right: rv } });
    }
    if (differs) differingRecords++;
  }
  return {
    matched,
    onlyLeft: left.size - matched,
    onlyRight: right.size - matched,
    differingRecords,
    differences: [...byField.values()].sort((a, b) => b.count - a.count),
  };
}
