import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** A command module: builds its commander Command; its action resolves to an exit code. */
export type CommandFactory = (io: CliIo, setExitCode: (code: number) => void) => Command;
