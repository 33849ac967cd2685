import { createServer } from 'node:net';
import { StackError } from './errors.js';
import { say } from './log.js';

export const HOST = '127.0.0.1';

/** True when nothing listens on HOST:port (we can bind it ourselves). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: HOST, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: HOST, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The preferred port when it is free; otherwise a free one, said out loud. With `fixed` (the user
 * asked for that exact port) a busy port is an error that names it.
 */
export async function choosePort(label: string, preferred: number, fixed: boolean, taken: Set<number>): Promise<number> {
  if (!taken.has(preferred) && (await isPortFree(preferred))) {
    taken.add(preferred);
    return preferred;
  }
  if (fixed) {
    throw new StackError(`port ${preferred} (${label}) is in use by another process; free it or choose another port`);
  }
  let port = await anyFreePort();
  while (taken.has(port)) port = await anyFreePort();
  taken.add(port);
  say(`port ${preferred} (${label}) is in use; using ${port} instead`);
  return port;
}
