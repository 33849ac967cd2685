import { createProgram } from './program.js';

const LINGER_LIMIT_MS = 5_000;

// A reader that goes away (`callback-enricher worker --help | head`) is not a crash: commands
// that stream (transform, tail) notice it themselves and stop; everything else just ends.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

// The only place that turns a command's exit code into process.exitCode.
const exitCode = await createProgram().run(process.argv.slice(2));
process.exitCode = exitCode;
// Every command has closed what it opened when it returns. Should a library still hold a handle
// (a socket a client failed to close, a retry timer), the process must still end: a worker that
// logged "shutdown complete" and lingers keeps its container, its group membership or its CI job
// alive. Unref'd, so a process that ends by itself is not delayed.
setTimeout(() => process.exit(exitCode), LINGER_LIMIT_MS).unref();
