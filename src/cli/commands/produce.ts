// `produce`: Avro test events to the input topic (CONTRACT §5). Options are parsed here; the work
// is src/tools/produce/runProduce.ts, which the demo calls directly.
import { randomInt } from 'node:crypto';
import { Command } from 'commander';
import { EXIT } from '../io.js';
import type { CommandFactory } from '../commandFactory.js';
import { runTool } from '../runTool.js';
import { parseIntegerOption, parseRateOption, parseRatioOption, parseTimeOption, UsageError } from '../../tools/options/parseOptionValues.js';
import { createProgress } from '../../tools/terminal/createProgress.js';
import { formatProduceSummary } from '../../tools/produce/formatProduceSummary.js';
import { runProduce, type ProduceOptions } from '../../tools/produce/runProduce.js';

interface RawOptions {
  count?: string;
  rate?: string;
  seed?: string;
  baseTime?: string;
  fromFile?: string;
  unknownEnumRatio?: string;
  evolvedRatio?: string;
  poisonRatio?: string;
  campaigns?: string;
  topic?: string;
  json?: boolean;
  trace?: boolean;
  progress: boolean;
}

function parseOptions(raw: RawOptions, topics: { input: string; campaign: string }): Omit<ProduceOptions, 'onBadLine'> {
  const ratios = {
    unknownEnum: parseRatioOption('--unknown-enum-ratio', raw.unknownEnumRatio),
    evolved: parseRatioOption('--evolved-ratio', raw.evolvedRatio),
    poison: parseRatioOption('--poison-ratio', raw.poisonRatio),
  };
  if (ratios.unknownEnum + ratios.evolved + ratios.poison > 1) throw new UsageError('the ratios add up to more than 1');
  if (raw.fromFile && (ratios.unknownEnum > 0 || ratios.evolved > 0 || ratios.poison > 0)) {
    throw new UsageError('--from-file writes the file as it is; the ratio options apply to generated events only');
  }
  const rate = parseRateOption('--rate', raw.rate);
  return {
    topic: raw.topic ?? topics.input,
    campaignTopic: topics.campaign,
    count: parseIntegerOption('--count', raw.count, 1) ?? (raw.fromFile ? undefined : 1000),
    seed: raw.seed ?? String(randomInt(1, 1_000_000_000)),
    baseTime: parseTimeOption('--base-time', raw.baseTime) ?? Date.now(),
    ratios,
    campaigns: parseIntegerOption('--campaigns', raw.campaigns, 0) ?? 0,
    ...(rate === undefined ? {} : { rate }),
    ...(raw.fromFile ? { fromFile: raw.fromFile } : {}),
    ...(raw.trace ? { trace: true } : {}),
  };
}

export const makeProduceCommand: CommandFactory = (io, setExitCode) =>
  new Command('produce')
    .description('write Avro test events to the input topic')
    .option('--count <n>', 'records to generate (default 1000; with --from-file: at most this many lines)')
    .option('--rate <n>', 'records per second, steady (default: as fast as the broker takes them)')
    .option('--seed <s>', 'PRNG seed: the same seed and --base-time give the same records (default: random, printed)')
    .option('--base-time <iso>', 'clock the event times are generated around (default: now)')
    .option('--from-file <file.jsonl>', 'write Genesys JSON lines from a file instead of generated events')
    .option('--unknown-enum-ratio <r>', 'share of records with enum values the SDK does not know, or known ones in odd case')
    .option('--evolved-ratio <r>', 'share of records written with a newer compatible schema (extra symbols, a new field)')
    .option('--poison-ratio <r>', 'share of records the worker must dead-letter (bad magic byte, unknown schema id, truncated Avro)')
    .option('--campaigns <n>', 'also write n CampaignReference records to CAMPAIGN_TOPIC; dialer previews point at them', '0')
    .option('--topic <name>', 'topic to write to (default: INPUT_TOPIC)')
    .option('--trace', 'start a trace per record: a W3C traceparent header the worker continues (docs/operating.md)')
    .option('--json', 'print the summary as one JSON object')
    .option('--no-progress', 'no progress output on stderr')
    .addHelpText('after', `
Registers its writer schemas under <topic>-value first. Reads KAFKA_BROKERS, SCHEMA_REGISTRY_URL,
INPUT_TOPIC and CAMPAIGN_TOPIC like the worker. Example:
  npx callback-enricher produce --count 10000 --seed 7 --unknown-enum-ratio 0.05 --poison-ratio 0.01 --campaigns 5`)
    .action(async (raw: RawOptions) => {
      setExitCode(await runTool(io, 'produce', ['kafka', 'registry', 'topics'], async ({ config, kafka, registry }) => {
        const options = parseOptions(raw, config.topics);
        const progress = createProgress({ stream: io.stderr, label: 'produce', total: options.count, enabled: raw.progress && !raw.json });
        const summary = await runProduce({ client: kafka(), registry: registry(), progress }, {
          ...options,
          onBadLine: ({ line, reason }) => io.stderr.write(`line ${line}: ${reason}\n`),
        });
        io.stdout.write(raw.json ? `${JSON.stringify(summary)}\n` : formatProduceSummary(summary));
        return summary.badLines > 0 ? EXIT.FAILED : EXIT.OK;
      }));
    });
