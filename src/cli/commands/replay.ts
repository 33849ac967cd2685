// `replay`: re-drive dead letters to the input after a fix (CONTRACT §5).
import { Command } from 'commander';
import { EXIT } from '../io.js';
import type { CommandFactory } from '../commandFactory.js';
import { parseIntegerOption, parseRateOption, parseTimeOption } from '../../tools/options/parseOptionValues.js';
import { runTool } from '../runTool.js';
import { formatReplaySummary } from '../../tools/replay/formatReplaySummary.js';
import { runReplay } from '../../tools/replay/runReplay.js';
import { createProgress } from '../../tools/terminal/createProgress.js';

interface ReplayCliOptions {
  from?: string;
  to?: string;
  reason: string[];
  since?: string;
  until?: string;
  key?: string;
  dryRun?: boolean;
  rate?: string;
  maxReplays: string;
  group?: string;
  json?: boolean;
  progress: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export const makeReplayCommand: CommandFactory = (io, setExitCode) =>
  new Command('replay')
    .description('re-drive dead letters to the input topic')
    .option('--from <topic>', 'dead-letter topic to read (default: DLQ_TOPIC)')
    .option('--to <topic>', 'topic to write to (default: INPUT_TOPIC)')
    .option('--reason <reason>', 'only this dlq.reason (repeat or comma-separate for several)', collect, [])
    .option('--since <iso>', 'only records dead-lettered at or after this time')
    .option('--until <iso>', 'only records dead-lettered before this time')
    .option('--key <key>', 'only records with this key')
    .option('--dry-run', 'count what would be replayed; write and commit nothing')
    .option('--rate <n>', 'records per second written at most')
    .option('--max-replays <n>', 'skip (and list) records already replayed this often', '3')
    .option('--group <id>', 'consumer group holding the progress (default: derived from the topics and filters)')
    .option('--json', 'print the summary as one JSON object')
    .option('--no-progress', 'no progress output on stderr')
    .addHelpText('after', `
Copies key, value and the original headers (without dlq.*) back, with dlq.replays counted up.
Reads the DLQ up to its end as it is at the start. Progress is committed with each copied segment
in one transaction, so an interrupted replay resumes where it stopped when run again. Example:
  npx callback-enricher replay --reason MAPPING_ERROR --since 2025-03-01T00:00:00Z --dry-run`)
    .action(async (raw: ReplayCliOptions) => {
      setExitCode(await runTool(io, 'replay', ['kafka', 'topics'], async ({ config, kafka, logger }) => {
        const since = parseTimeOption('--since', raw.since);
        const until = parseTimeOption('--until', raw.until);
        const rate = parseRateOption('--rate', raw.rate);
        const maxReplays = parseIntegerOption('--max-replays', raw.maxReplays, 1) as number;
        const abort = new AbortController();
        const interrupt = (): void => abort.abort();
        process.once('SIGINT', interrupt);
        process.once('SIGTERM', interrupt);
        try {
          const summary = await runReplay({
            client: kafka(),
            progressFor: (total) => createProgress({ stream: io.stderr, label: raw.dryRun ? 'replay (dry run)' : 'replay', total, enabled: raw.progress && !raw.json }),
            onRetry: (error) => logger.warn({ err: error.message }, 'replay segment failed; retrying'),
          }, {
            from: raw.from ?? config.topics.dlq,
            to: raw.to ?? config.topics.input,
            filter: {
              reasons: new Set(raw.reason),
              ...(since === undefined ? {} : { since }),
              ...(until === undefined ? {} : { until }),
              ...(raw.key === undefined ? {} : { key: raw.key }),
            },
            maxReplays,
            dryRun: raw.dryRun === true,
            ...(rate === undefined ? {} : { rate }),
            ...(raw.group === undefined ? {} : { groupId: raw.group }),
            signal: abort.signal,
          });
          io.stdout.write(raw.json ? `${JSON.stringify(summary)}\n` : formatReplaySummary(summary, maxReplays));
          return summary.end === 'interrupted' ? EXIT.FAILED : EXIT.OK;
        } finally {
          process.off('SIGINT', interrupt);
          process.off('SIGTERM', interrupt);
        }
      }));
    });
