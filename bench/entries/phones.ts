// Issue 15's phone question: libphonenumber-js (max, min, mobile metadata), awesome-phonenumber
// and google-libphonenumber on 20,000+ real-shaped numbers from every region and on the core
// mix's numbers: agreement on validity and on the E.164 form (every difference listed), µs per
// number cold, the cost of a cache hit, the hit rate by cache size, and the ParseErrors spared.
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { BenchEntry, BenchOutcome, BenchRunOptions } from '../benchEntry.js';
import { buildCallbackMix } from '../lib/buildCallbackMix.js';
import { buildRealShapedNumbers, listDifferences, measurePhoneLibraries, type Difference } from '../lib/comparePhoneLibraries.js';
import { collectGarbage } from '../lib/measureRuns.js';
import { cannotBePhoneNumber } from '../../src/enrich/cannotBePhoneNumber.js';
import { createLruCache } from '../../src/enrich/createLruCache.js';
import { clearPhoneCache, toE164 } from '../../src/enrich/normalizeCallbackNumbers.js';
import { mapAvroCallback } from '../../src/model/mapAvroCallback.js';

const REFERENCE = 'libphonenumber-js/max';
const CAPACITIES = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000];

/** Every callback number of the mix, in stream order (repeats included). */
function mixNumberStream(records: number): string[] {
  const mix = buildCallbackMix({ seed: 'bench-core', records, concurrentConversations: 2_000, unknownEnumRatio: 0.04, evolvedRatio: 0.03, lifecycle: true });
  const stream: string[] = [];
  for (const { writerType, payload } of mix.records) {
    const mapped = mapAvroCallback(writerType.fromBuffer(payload));
    if (mapped.ok) stream.push(...(mapped.value.callback.callbackNumbers ?? []));
  }
  return stream;
}

function hitRate(stream: readonly string[], capacity: number): number {
  const cache = createLruCache<string, true>(capacity);
  let hits = 0;
  for (const raw of stream) {
    if (cache.get(raw) !== undefined) hits++;
    else cache.set(raw, true);
  }
  return hits / stream.length;
}

/** Heap bytes per cached number: fill the project's cache with `numbers` and weigh it. */
function bytesPerEntry(numbers: readonly string[]): number {
  clearPhoneCache();
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  for (const raw of numbers) toE164(raw, 'US');
  collectGarbage();
  return (process.memoryUsage().heapUsed - before) / numbers.length;
}

/** µs per lookup when every number is already cached (CPU time). */
function cachedMicros(numbers: readonly string[]): number {
  clearPhoneCache();
  for (const raw of numbers) toE164(raw, 'US');
  const started = process.cpuUsage();
  for (let round = 0; round < 10; round++) for (const raw of numbers) toE164(raw, 'US');
  const used = process.cpuUsage(started);
  return (used.user + used.system) / (numbers.length * 10);
}

function throwsParseError(raw: string): boolean {
  try {
    parsePhoneNumberWithError(raw, { defaultCountry: 'US', extract: false });
    return false;
  } catch {
    return true;
  }
}

const formatDifference = (d: Difference): string => `\`${d.raw}\` ${d.reference ?? 'invalid'} → ${d.other ?? 'invalid'}`;

async function run({ quick }: BenchRunOptions): Promise<BenchOutcome> {
  const shaped = [...new Set(buildRealShapedNumbers(quick ? 2_000 : 25_000))];
  const warmup = buildRealShapedNumbers(quick ? 500 : 3_000, 'phones-warmup');
  const stream = mixNumberStream(quick ? 5_000 : 100_000);
  const mixNumbers = [...new Set(stream)];
  const onShaped = measurePhoneLibraries(shaped, warmup);
  const onMix = measurePhoneLibraries(mixNumbers, warmup);
  const rates = CAPACITIES.map((capacity) => ({ capacity, rate: hitRate(stream, capacity) }));
  const entryBytes = bytesPerEntry(shaped);
  const hitMicros = cachedMicros(mixNumbers.slice(0, 20_000));
  const throwing = mixNumbers.filter(throwsParseError);
  const stillThrowing = throwing.filter((raw) => !cannotBePhoneNumber(raw));

  const figures = [];
  const notes: string[] = [];
  for (const [set, label, numbers] of [[onShaped, 'real-shaped', shaped], [onMix, 'core mix', mixNumbers]] as const) {
    const reference = set.answers.get(REFERENCE)!;
    for (const cost of set.costs) {
      const differences = listDifferences(numbers, reference, set.answers.get(cost.name)!);
      figures.push({
        label: `${label} (${numbers.length.toLocaleString('en-US')} distinct): ${cost.name}: µs/number cold / valid / differences from ${REFERENCE}`,
        value: `${cost.coldMicros.toFixed(1)} / ${cost.valid.toLocaleString('en-US')} / ${differences.length.toLocaleString('en-US')}`,
      });
      if (cost.name === REFERENCE || differences.length === 0) continue;
      notes.push(differences.length <= 150
        ? `${label}, ${cost.name}, every difference (${differences.length}): ${differences.map(formatDifference).join('; ')}`
        : `${label}, ${cost.name}: ${differences.length} differences (first 10: ${differences.slice(0, 10).map(formatDifference).join('; ')})`);
    }
  }
  figures.push({ label: 'phone cache hit (every number cached): µs/lookup', value: hitMicros.toFixed(2) });
  figures.push({ label: 'phone cache: heap bytes per cached number', value: Math.round(entryBytes).toLocaleString('en-US') });
  for (const { capacity, rate } of rates) {
    figures.push({ label: `core mix stream (${stream.length.toLocaleString('en-US')} numbers): hit rate with a cache of ${capacity.toLocaleString('en-US')}`, value: `${(100 * rate).toFixed(1)} %` });
  }
  figures.push({ label: `core mix: distinct numbers on which ${REFERENCE} throws a ParseError / still reaching it after cannotBePhoneNumber`, value: `${throwing.length} / ${stillThrowing.length}` });
  const best = onShaped.costs.find((c) => c.name === REFERENCE)!;
  return {
    status: 'ok',
    report: {
      headline: `${REFERENCE}: ${best.coldMicros.toFixed(1)} µs per new number on ${shaped.length.toLocaleString('en-US')} real-shaped numbers; a cache hit ${hitMicros.toFixed(2)} µs.`,
      figures,
      notes: [
        'Times are CPU µs per number (process.cpuUsage), the better of two passes over distinct numbers after a warm-up on other numbers: the machine is shared, and wall time would count other processes.',
        'libphonenumber-js (all three metadata sets) runs as patched by patches/libphonenumber-js+1.13.16.patch: each RegExp built once per pattern string, no Babel object spread per parse; answers unchanged (test/unit/enrich/libphonenumberPatch.test.ts).',
        'Real-shaped numbers: for every region of Google\'s metadata, its example fixed-line, mobile, toll-free and VoIP numbers with the last 1–4 digits redrawn, written as E.164, international with spaces, national (NANP) or 00-prefixed, national outside the default region, plus 3 % junk. Default region US for all libraries.',
        ...notes,
      ],
    },
  };
}

export const entry: BenchEntry = { name: 'phones', title: 'phones: which library, and how big a cache', run };
