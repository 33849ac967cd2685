// `tail`: decode and print the records of a topic as JSON lines (CONTRACT §5).
import { Command } from 'commander';
import { createOutput } from '../createOutput.js';
import { EXIT } from '../io.js';
import type { CommandFactory } from '../commandFactory.js';
import { parseIntegerOption } from '../../tools/options/parseOptionValues.js';
import { runTool } from '../runTool.js';
import { runTail, TAIL_IDLE_MS } from '../../tools/tail/runTail.js';

interface TailOptions {
  topic?: string;
  fromBeginning?: boolean;
  follow?: boolean;
  max?: string;
}

export const makeTailCommand: CommandFactory = (io, setExitCode) =>
  new Command('tail')
    .description('decode and print the records of a topic as JSON lines')
    .option('--topic <name>', 'topic to read (default: OUTPUT_TOPIC)')
    .option('--from-beginning', 'start at the oldest record and stop at the end, unless --follow')
    .option('--follow', 'keep printing new records until interrupted (always so without --from-beginning)')
    .option('--max <n>', 'stop after n records')
    .addHelpText('after', `
Each line: topic, partition, offset, timestamp, key, headers, schemaId and the value decoded with
its writer's schema (enriched records as the JSON view of transform). On DLQ_TOPIC, or for any record
with a dlq.reason header, the value is printed raw in base64. Example:
  npx callback-enricher tail --topic callbacks.dlq --from-beginning --max 5`)
    .action(async (raw: TailOptions) => {
      setExitCode(await runTool(io, 'tail', ['kafka', 'registry', 'topics'], async ({ config, kafka, registry, logger }) => {
        const max = parseIntegerOption('--max', raw.max, 0);
        const stdout = createOutput(io.stdout);
        const abort = new AbortController();
        const interrupt = (): void => abort.abort();
        process.once('SIGINT', interrupt);
        process.once('SIGTERM', interrupt);
        try {
          const { end } = await runTail({
            client: kafka(),
            registry: registry(),
            onRegistryDown: (error) => logger.warn({ err: error.message }, 'schema registry unavailable; retrying'),
          }, {
            topic: raw.topic ?? config.topics.output,
            dlqTopic: config.topics.dlq,
            fromBeginning: raw.fromBeginning === true,
            follow: raw.follow === true,
            ...(max === undefined ? {} : { max }),
            signal: abort.signal,
            write: (text) => stdout.write(text),
          });
          if (end === 'idle') io.stderr.write(`callback-enricher tail: stopped after ${TAIL_IDLE_MS / 1000} s without records short of the end offsets (the rest of the log may be transaction markers)\n`);
        } catch (error) {
          // `tail | head`: the reader left, which ends tail like any filter.
          if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
        } finally {
          process.off('SIGINT', interrupt);
          process.off('SIGTERM', interrupt);
          stdout.release();
        }
        return EXIT.OK;
      }));
    });
