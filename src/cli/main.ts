import { createProgram } from './program.js';

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
