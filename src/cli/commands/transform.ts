// `transform`: stdin JSONL of Genesys JSON → stdout JSONL of the enriched record's JSON view.
// The same core as the worker (map → enrich), without Kafka. A bad line is reported on stderr
// as `line N: reason` and the rest goes on; exit 1 at the end if any line failed.
import { createHash } from 'node:crypto';
import { Command } from 'commander';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { ConfigError } from '../../config/configError.js';
import { parseConfigSections } from '../../config/parseConfigSections.js';
import { enrich } from '../../enrich/enrich.js';
import { formatRejection, Invalid } from '../../model/mapFields.js';
import { decodeDateTime, mapGenesysJson } from '../../model/mapGenesysJson.js';
import { toJsonView } from '../../model/toJsonView.js';
import type { CampaignReference, EpochMillis } from '../../model/types.js';
import { createOutput } from '../createOutput.js';
import { loadCampaigns } from '../loadCampaigns.js';
import { EXIT, type CliIo } from '../io.js';
import type { CommandFactory } from '../commandFactory.js';
import { readLines } from '../../streams/readLines.js';
import { describeError } from '../../errors.js';

interface TransformSettings {
  /** undefined: the clock at the time each batch of lines is read. */
  eventTime: EpochMillis | undefined;
  defaultPhoneRegion: CountryCode;
  campaigns: ReadonlyMap<string, CampaignReference>;
}

type LineResult = { ok: true; json: string } | { ok: false; reason: string } | undefined;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** One line → its JSON output, a reason, or undefined for a blank line. Never throws. */
function transformLine(bytes: Buffer, settings: TransformSettings, now: EpochMillis): LineResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${describeError(error)}` };
  }
  const mapped = mapGenesysJson(parsed);
  if (!mapped.ok) return { ok: false, reason: formatRejection(mapped.error) };
  try {
    const enriched = enrich(mapped.value, {
      eventId: createHash('sha256').update(bytes).digest('hex'),
      eventTime: settings.eventTime ?? now,
      processedAt: now,
      defaultPhoneRegion: settings.defaultPhoneRegion,
      lookupCampaign: (id) => settings.campaigns.get(id),
      source: null,
    });
    return { ok: true, json: JSON.stringify(toJsonView(enriched)) };
  } catch (error) {
    // The core does not throw on data; if it does, that is a bug, reported like a bad line.
    return { ok: false, reason: `internal error (please report): ${describeError(error)}` };
  }
}

async function runTransform(io: CliIo, settings: TransformSettings): Promise<number> {
  let failed = 0;
  const stdout = createOutput(io.stdout);
  const stderr = createOutput(io.stderr);
  try {
    for await (const batch of readLines(io.stdin as AsyncIterable<Buffer | string>)) {
      const now = Date.now();
      let out = '';
      let err = '';
      for (const line of batch) {
        const result = line.bytes === undefined
          ? { ok: false as const, reason: 'line too long' }
          : transformLine(line.bytes, settings, now);
        if (result === undefined) continue;
        if (result.ok) out += `${result.json}\n`;
        else {
          failed += 1;
          err += `line ${line.number}: ${result.reason}\n`;
        }
      }
      // One write per input chunk; waiting for 'drain' stops reading while the reader lags.
      if (err !== '') await stderr.write(err);
      if (out !== '') await stdout.write(out);
    }
  } catch (error) {
    // A closed stdout (`transform | head`) ends the run quietly, like any filter.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return failed > 0 ? EXIT.FAILED : EXIT.OK;
    io.stderr.write(`callback-enricher transform: ${describeError(error)}\n`);
    return EXIT.FAILED;
  } finally {
    stdout.release();
    stderr.release();
  }
  return failed > 0 ? EXIT.FAILED : EXIT.OK;
}

interface TransformOptions {
  eventTime?: string;
  phoneRegion?: string;
  campaigns?: string;
}

/** --phone-region, else DEFAULT_PHONE_REGION read like the worker reads it (the enrich section). */
function chooseRegion(given: string | undefined, env: NodeJS.ProcessEnv): CountryCode | string {
  if (given !== undefined) {
    const region = given.toUpperCase();
    return isSupportedCountry(region) ? region : `--phone-region: not a supported region code: "${given}" (e.g. US, DE, GB)`;
  }
  try {
    return parseConfigSections(env, ['enrich']).enrich.defaultPhoneRegion;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

/** The options as settings, or a usage error naming the option. */
async function parseOptions(options: TransformOptions, env: NodeJS.ProcessEnv): Promise<TransformSettings | string> {
  let eventTime: EpochMillis | undefined;
  if (options.eventTime !== undefined) {
    const raw = /^-?\d+$/.test(options.eventTime) ? Number(options.eventTime) : options.eventTime;
    const decoded = decodeDateTime(raw);
    if (decoded instanceof Invalid) return `--event-time: ${decoded.reason} (use ISO-8601 with an offset, e.g. 2024-03-07T10:15:30Z)`;
    eventTime = decoded;
  }
  const region = chooseRegion(options.phoneRegion, env);
  if (!isSupportedCountry(region)) return region;
  const campaigns = options.campaigns === undefined ? new Map<string, CampaignReference>() : await loadCampaigns(options.campaigns);
  if (typeof campaigns === 'string') return `--campaigns ${options.campaigns}: ${campaigns}`;
  return { eventTime, defaultPhoneRegion: region, campaigns };
}

export const makeTransformCommand: CommandFactory = (io, setExitCode) =>
  new Command('transform')
    .description('stdin JSONL of Genesys JSON -> stdout JSONL of enriched records (JSON view)')
    .option('--event-time <iso>', 'event time for every line, ISO-8601 or epoch millis (default: now)')
    .option('--phone-region <XX>', 'region for callback numbers without a country code (default: DEFAULT_PHONE_REGION, else US)')
    .option('--campaigns <file>', 'JSONL of CampaignReference to join by dialerPreview.campaignId')
    .addHelpText('after', `
A bad line is reported on stderr as "line N: reason"; the rest goes on; exit 1 if any line failed.
Example:
  echo '{"id":"c1","state":"DISCONNECTED","disconnectType":"ENDPOINT","callbackNumbers":["(317) 555-0123"]}' \\
    | npx callback-enricher transform --event-time 2024-03-07T10:15:30Z`)
    .action(async (options: TransformOptions) => {
      const settings = await parseOptions(options, io.env);
      if (typeof settings === 'string') {
        io.stderr.write(`callback-enricher transform: ${settings}\n`);
        setExitCode(EXIT.USAGE);
        return;
      }
      setExitCode(await runTransform(io, settings));
    });
