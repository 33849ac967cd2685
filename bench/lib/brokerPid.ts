// The broker's process on the local stack (STACK_DIR's), so its CPU can be read from /proc;
// undefined against a remote cluster.
import { stackPaths } from '../../scripts/stack/paths.js';
import { runningPid } from '../../scripts/stack/processes.js';

export function brokerPid(): number | undefined {
  try {
    return runningPid(stackPaths(), 'broker-1');
  } catch {
    return undefined;
  }
}
