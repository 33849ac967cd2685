// Which Node.js runs @platformatic/kafka 2.x. It declares `>= 22.22.0 || >= 24.6.0` and uses
// APIs Node 20 lacks (Promise.withResolvers, at its first request), so the check is made before
// the client is ever imported: start-up stops with one message instead of a crash mid-connect.

export const PLATFORMATIC_NODE_REQUIREMENT = 'Node.js >= 22.22 (22.x) or >= 24.6';

/** True when `version` (process.versions.node, e.g. "22.23.3") can run @platformatic/kafka 2.x. */
export function nodeRunsPlatformatic(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  if (major === 22) return minor >= 22;
  if (major === 24) return minor >= 6;
  return major > 24;
}
