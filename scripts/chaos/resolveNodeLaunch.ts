// Which Node runs the workers: this one, or for the platformatic client (Node >= 22.22) a Node 22
// from the npm registry (`npx -y -p node@22`), started by its binary path directly: npx does not
// pass signals on, and the suite's SIGKILL and SIGTERM must reach the worker itself.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ENV_VARIABLES } from '../../src/config/envVariables.js';
import type { NodeLaunch } from './workerFleet.js';

const run = promisify(execFile);

export function nodeAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.replace(/^v/, '').split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/** The launch, or why this client cannot be run here (the suite then skips with that message). */
export async function resolveNodeLaunch(client: 'kafkajs' | 'platformatic'): Promise<NodeLaunch | string> {
  const here: NodeLaunch = { node: process.execPath, label: `node ${process.version}` };
  if (client === 'kafkajs') return here;
  if (!('KAFKA_CLIENT' in ENV_VARIABLES)) return 'this build of the worker has no KAFKA_CLIENT setting: the platformatic client cannot be tested';
  if (nodeAtLeast(process.version, 22, 22)) return here;
  try {
    const { stdout } = await run('npx', ['-y', '-p', 'node@22', 'node', '-p', 'process.execPath + " " + process.version'], { timeout: 300_000 });
    const [node, version] = stdout.trim().split(' ');
    if (!node || !version || !nodeAtLeast(version, 22, 22)) return `npx -p node@22 gave ${stdout.trim()}, not Node >= 22.22`;
    return { node, label: `node ${version}` };
  } catch (error) {
    return `the platformatic client needs Node >= 22.22 and none could be fetched (npx -y -p node@22): ${(error as Error).message}`;
  }
}
