import type { CommandFactory } from '../commandFactory.js';
import { makeProduceCommand } from './produce.js';
import { makeReplayCommand } from './replay.js';
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
  makeReplayCommand,
  makeTailCommand,
];
