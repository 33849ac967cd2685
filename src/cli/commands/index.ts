import type { CommandFactory } from '../program.js';
import { notBuiltYet } from './notBuiltYet.js';
import { makeProduceCommand } from './produce.js';
import { makeSchemaCommand } from './schema.js';
import { makeTailCommand } from './tail.js';
import { makeTransformCommand } from './transform.js';
import { makeWorkerCommand } from './worker.js';

/** Every command of CONTRACT §5, in the order `--help` lists them. */
export const COMMANDS: CommandFactory[] = [
  makeWorkerCommand,
  makeTransformCommand,
  makeProduceCommand,
  makeSchemaCommand,
  notBuiltYet('replay', 're-drive dead letters to the input topic'),
  makeTailCommand,
];
