// `schema register` and `schema check` (CONTRACT §5): exit 0 compatible, 1 incompatible with the
// reasons, 2 usage or connection error.
import { Command } from 'commander';
import { EXIT, type CliIo } from '../io.js';
import type { CommandFactory } from '../commandFactory.js';
import { checkCompatibility } from '../../registry/compat/checkCompatibility.js';
import { COMPAT_LEVEL_NAMES, isCompatLevel, type CompatLevel } from '../../registry/compat/compatLevels.js';
import { UsageError } from '../../tools/options/parseOptionValues.js';
import { runTool } from '../runTool.js';
import { checkSubject } from '../../tools/schema/checkSubject.js';
import { formatCompatReport } from '../../tools/schema/formatCompatReport.js';
import { readSchemaFile } from '../../tools/schema/readSchemaFile.js';
import { registerProjectSchemas } from '../../tools/schema/registerProjectSchemas.js';

interface CheckOptions {
  subject?: string;
  file?: string;
  level?: string;
  offline?: boolean;
  json?: boolean;
}

function parseLevel(raw: string | undefined): CompatLevel | undefined {
  if (raw === undefined) return undefined;
  const level = raw.toUpperCase();
  if (!isCompatLevel(level)) throw new UsageError(`--level: expected one of ${COMPAT_LEVEL_NAMES.join(', ')}, got "${raw}"`);
  return level;
}

/** `--offline OLD NEW`: no registry, no environment needed. */
async function checkOffline(io: CliIo, files: string[], options: CheckOptions): Promise<number> {
  if (files.length !== 2 || options.subject || options.file) {
    throw new UsageError('--offline takes two files, OLD.avsc NEW.avsc, and no --subject/--file');
  }
  const [oldFile, newFile] = files as [string, string];
  const level = parseLevel(options.level) ?? 'BACKWARD';
  const report = checkCompatibility(await readSchemaFile(newFile), [{ label: oldFile, schema: await readSchemaFile(oldFile) }], level);
  const levelSource = options.level ? '--level' : 'default';
  io.stdout.write(options.json
    ? `${JSON.stringify({ old: oldFile, new: newFile, levelSource, ...report })}\n`
    : formatCompatReport(`${oldFile} -> ${newFile}`, report, levelSource));
  return report.compatible ? EXIT.OK : EXIT.FAILED;
}

async function check(io: CliIo, files: string[], options: CheckOptions): Promise<number> {
  if (options.offline) {
    try {
      return await checkOffline(io, files, options);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`callback-enricher schema check: ${error.message}\n`);
      return EXIT.USAGE;
    }
  }
  return runTool(io, 'schema check', ['registry'], async ({ registry }) => {
    if (!options.subject || !options.file || files.length > 0) {
      throw new UsageError('give --subject S --file F.avsc (or --offline OLD.avsc NEW.avsc)');
    }
    const candidate = await readSchemaFile(options.file);
    const result = await checkSubject(registry(), options.subject, candidate, parseLevel(options.level));
    io.stdout.write(options.json ? `${JSON.stringify({ file: options.file, ...result })}\n` : formatCompatReport(`${options.file} -> ${result.subject}`, result, result.levelSource));
    return result.compatible ? EXIT.OK : EXIT.FAILED;
  });
}

function withIo(command: Command, io: CliIo): Command {
  return command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
}

export const makeSchemaCommand: CommandFactory = (io, setExitCode) => {
  const register = withIo(new Command('register'), io)
    .description('register every schema of avro/ under <topic>-value of its topic (INPUT_TOPIC, OUTPUT_TOPIC, CAMPAIGN_TOPIC)')
    .option('--json', 'print the result as one JSON object')
    .action(async (options: { json?: boolean }) => {
      setExitCode(await runTool(io, 'schema register', ['registry', 'topics'], async ({ config, registry }) => {
        const rows = await registerProjectSchemas(registry(), config.topics);
        if (options.json) io.stdout.write(`${JSON.stringify({ schemas: rows })}\n`);
        else {
          const width = Math.max(...rows.map((row) => row.subject.length));
          for (const row of rows) {
            io.stdout.write(`${row.subject.padEnd(width)}  version ${String(row.version).padEnd(3)} id ${String(row.id).padEnd(5)} ${row.changed ? 'registered' : 'unchanged '}  ${row.file}\n`);
          }
        }
        return EXIT.OK;
      }));
    });

  const checkCommand = withIo(new Command('check'), io)
    .description('check a schema against a subject (latest version, or all for *_TRANSITIVE), or two files offline')
    .argument('[files...]', 'with --offline: OLD.avsc NEW.avsc')
    .option('--subject <subject>', 'registry subject, e.g. callbacks.raw-value')
    .option('--file <file.avsc>', 'the new schema')
    .option('--level <level>', `${COMPAT_LEVEL_NAMES.join(' | ')} (default: the subject's level; offline: BACKWARD)`)
    .option('--offline', 'compare two files, no registry')
    .option('--json', 'print the report as one JSON object')
    .addHelpText('after', `
Exit 0 compatible, 1 incompatible (reasons and fixes printed), 2 usage or connection error.
A subject that does not exist yet is compatible (the first version). Examples:
  npx callback-enricher schema check --subject callbacks.raw-value --file avro/ConversationNotificationCallback.avsc
  npx callback-enricher schema check --offline old.avsc new.avsc --level FULL_TRANSITIVE --json`)
    .action(async (files: string[], options: CheckOptions) => {
      setExitCode(await check(io, files, options));
    });

  return new Command('schema')
    .description('register avro/ schemas, or check a schema for compatibility')
    .addCommand(register)
    .addCommand(checkCommand);
};
