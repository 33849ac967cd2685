import { Command, CommanderError } from 'commander';
import { EXIT, processIo, type CliIo } from './io.js';
import { COMMANDS } from './commands/index.js';

export function createProgram(io: CliIo = processIo()): { run(argv: string[]): Promise<number> } {
  return {
    async run(argv) {
      let exitCode: number = EXIT.OK;
      const program = new Command('callback-enricher')
        .description('Decode, enrich and republish Genesys Cloud callback notifications on Kafka')
        .showHelpAfterError()
        .configureOutput({
          writeOut: (s) => io.stdout.write(s),
          writeErr: (s) => io.stderr.write(s),
        })
        .exitOverride();
      for (const make of COMMANDS) {
        const command = make(io, (code) => { exitCode = code; });
        command.exitOverride().configureOutput({
          writeOut: (s) => io.stdout.write(s),
          writeErr: (s) => io.stderr.write(s),
        });
        program.addCommand(command);
      }
      try {
        await program.parseAsync(argv, { from: 'user' });
      } catch (error) {
        if (error instanceof CommanderError) {
          // --help and --version are not errors; anything else commander rejects is usage.
          return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
        }
        throw error;
      }
      return exitCode;
    },
  };
}
