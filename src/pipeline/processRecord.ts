// One consumed record → what to send: the enriched record (plus route copies), or one dead
// letter. Synchronous and pure: the clock, the writer schemas and the campaign table come in
// through ProcessDeps, and only the shell (src/kafka/) turns the outcome into sends.
import type avro from 'avsc';
import type { CountryCode } from 'libphonenumber-js';
import { isRetriable } from '../errors.js';
import type { CampaignReference, EpochMillis } from '../model/types.js';
import { buildDlqHeaders } from './buildDlqHeaders.js';
import { buildOutputRecords } from './buildOutputRecords.js';
import { decodeCallback } from './decodeCallback.js';
import { encodeOutput } from './encodeOutput.js';
import { enrichRecord } from './enrichRecord.js';
import type { RouteRule } from './parseRoutes.js';
import { parseWireHeader } from './parseWireHeader.js';
import { resolveWriterType } from './resolveWriterType.js';
import type { InputRecord, ProcessOutcome, Rejection } from './types.js';

export interface ProcessDeps {
  /**
   * The writer schema of an id the shell prefetched. undefined = the registry answered
   * not-found (→ UNKNOWN_SCHEMA). An outage must be thrown as an error with `retriable: true`:
   * processRecord rethrows those instead of dead-lettering.
   */
  writerTypeFor(schemaId: number): avro.Type | undefined;
  lookupCampaign: (campaignId: string) => CampaignReference | undefined;
  /** ISO 3166 region for callback numbers without a country code. */
  defaultPhoneRegion: CountryCode;
  instanceId: string;
  outputTopic: string;
  dlqTopic: string;
  /** Id of the output schema under `<outputTopic>-value`, written into every output value. */
  outputSchemaId: number;
  routes: readonly RouteRule[];
  /** processedAt, and dlq.failed.at. */
  now: EpochMillis;
}

function deadLetter(record: InputRecord, rejection: Rejection, deps: ProcessDeps, coreBug = false): ProcessOutcome {
  const headers = buildDlqHeaders(record, rejection, { instanceId: deps.instanceId, failedAt: deps.now });
  return { kind: 'deadLetter', rejection, coreBug, record: { topic: deps.dlqTopic, key: record.key, value: record.value, headers } };
}

function runSteps(record: InputRecord, deps: ProcessDeps): ProcessOutcome {
  const header = parseWireHeader(record.value);
  if (!header.ok) return deadLetter(record, header.error, deps);
  const { schemaId, payload } = header.value;

  const writerType = resolveWriterType(deps, schemaId);
  if (!writerType.ok) return deadLetter(record, writerType.error, deps);

  // decodePayload and mapRecord in one pass where the writer allows (decodeCallback.ts).
  const mapped = decodeCallback(writerType.value, payload, schemaId);
  if (!mapped.ok) return deadLetter(record, mapped.error, deps);

  const enriched = enrichRecord(mapped.value, record, schemaId, deps);

  const encoded = encodeOutput(enriched, deps.outputSchemaId, { schemaId, writerType: writerType.value, payload });
  if (!encoded.ok) return deadLetter(record, encoded.error, deps);

  return { kind: 'produce', enriched, records: buildOutputRecords(record, enriched, encoded.value, deps) };
}

export function processRecord(record: InputRecord, deps: ProcessDeps): ProcessOutcome {
  try {
    return runSteps(record, deps);
  } catch (error) {
    if (isRetriable(error)) throw error; // an outage: the shell retries the batch, never the DLQ
    // Every expected failure is a returned rejection, so a throw here is a bug in the core.
    // Dead-lettering it keeps the partition moving; coreBug makes the shell count it.
    const { name, message } = error instanceof Error ? error : { name: 'NonError', message: String(error) };
    const header = parseWireHeader(record.value);
    const rejection: Rejection = { reason: 'MAPPING_ERROR', message: `core bug: ${name}: ${message}` };
    if (header.ok) rejection.schemaId = header.value.schemaId;
    return deadLetter(record, rejection, deps, true);
  }
}
