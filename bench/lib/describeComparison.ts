// One note for BENCHMARKS.md out of a record-by-record comparison, with the known causes of the
// differences that are expected between the two implementations.
import type { Comparison } from './compareEnriched.js';

/** Why a field may differ between the worker (TypeScript) and the Kafka Streams peer (Java). */
const KNOWN_CAUSES: Record<string, string> = {
  'derived.callbackNumbersE164': 'libphonenumber-js (its own metadata build) and Google\'s libphonenumber disagree on some numbers',
  'derived.invalidCallbackNumbers': 'the same numbers, seen from the other side',
  'derived.scheduledLocalTime': 'the time-zone data of ICU (Node) and of the JDK differ in version',
};

export function describeComparison(left: string, right: string, comparison: Comparison): string {
  const head = `Record-by-record, ${left} against ${right}: ${comparison.matched.toLocaleString('en-US')} records matched by eventId`
    + ` (${comparison.onlyLeft} only in ${left}, ${comparison.onlyRight} only in ${right}); the derived fields, unknownEnumValues, campaign and source`;
  if (comparison.differences.length === 0) return `${head} agree on every record.`;
  const fields = comparison.differences.map((d) => {
    const cause = KNOWN_CAUSES[d.field] ?? 'not explained yet';
    return `\`${d.field}\` on ${d.count} (e.g. ${d.example.left} vs ${d.example.right}; ${cause})`;
  });
  return `${head} differ on ${comparison.differingRecords} records: ${fields.join('; ')}.`;
}
