// `npm run stack:up | stack:down [-- --clean] | stack:status`: the local Kafka + schema registry.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { stopStack } from './down.js';
import { StackError, describeError } from './errors.js';
import { stackPaths } from './paths.js';
import { redact } from './secrets.js';
import { formatStatus } from './status.js';
import { startStack } from './up.js';

const USAGE = `usage: tsx scripts/stack/main.ts up | down [--clean] | status

  up       start Kafka and the schema registry (idempotent); writes .local/stack.env
  down     stop the processes up started; --clean also wipes their data
  status   each process, its ports and its log

environment: STACK_BROKERS=1|3, STACK_SECURITY=none|sasl_ssl, STACK_REGISTRY_AUTH=none|basic,
             STACK_KAFKA_PORT, STACK_REGISTRY_PORT, STACK_DIR, STACK_JAVA_HOME`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up': {
      const { env } = await startStack();
      // Started (or claimed) by hand: test runs must not stop it when they finish.
      rmSync(join(stackPaths().run, 'started-by-tests'), { force: true });
      for (const [key, value] of Object.entries(redact(env))) process.stdout.write(`${key}=${value}\n`);
      return 0;
    }
    case 'down':
      await stopStack({ clean: rest.includes('--clean') });
      return 0;
    case 'status': {
      const { text, allRunning } = formatStatus();
      process.stdout.write(`${text}\n`);
      return allRunning ? 0 : 1;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`stack: ${error instanceof StackError ? error.message : describeError(error)}\n`);
  if (!(error instanceof StackError) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.stderr.write(`(stack folder: ${stackPaths().dir})\n`);
  process.exitCode = 1;
}
