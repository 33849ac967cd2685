import { Command } from 'commander';
import { EXIT } from '../io.js';
import type { CommandFactory } from '../program.js';

/** A placeholder for a command of the contract that a later change delivers. */
export function notBuiltYet(name: string, summary: string): CommandFactory {
  return (io, setExitCode) =>
    new Command(name)
      .description(`${summary} (not built yet)`)
      .allowUnknownOption()
      .allowExcessArguments()
      .action(() => {
        io.stderr.write(`callback-enricher ${name}: not built yet\n`);
        setExitCode(EXIT.USAGE);
      });
}
