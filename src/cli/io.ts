// Everything a command may touch of the outside world, injected so tests can run a command
// in-process with captured streams (castle style). Only cli/ touches process.* directly.
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Exit codes shared by every command. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;
