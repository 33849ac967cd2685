import { createProgram } from './program.js';

// The only place that turns a command's exit code into process.exitCode.
const exitCode = await createProgram().run(process.argv.slice(2));
process.exitCode = exitCode;
