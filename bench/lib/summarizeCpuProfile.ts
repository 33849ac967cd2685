// Reads a V8 .cpuprofile (node --cpu-prof) and answers "what dominates": self time by function
// and by package, so the profile can be summarised in BENCHMARKS.md without a GUI.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

export interface SelfTimeShare {
  name: string;
  percent: number;
}

/** node_modules/<pkg>, a project folder (src/enrich), or the VM's own bucket ("(garbage collector)"). */
function ownerOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules !== null) return inModules[1] as string;
  if (path.startsWith('node:')) return 'node internals';
  const inProject = /\/(src|bench|test)\/([^/]+)\//.exec(path);
  return inProject !== null ? `${inProject[1]}/${inProject[2]}` : path;
}

function shares(counts: Map<string, number>, total: number, top: number): SelfTimeShare[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, count]) => ({ name, percent: Math.round((count / total) * 1000) / 10 }));
}

export function summarizeCpuProfile(file: string, top = 15): { byFunction: SelfTimeShare[]; byOwner: SelfTimeShare[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined || frame.functionName === '(idle)') continue;
    const file = frame.url.split('/').slice(-2).join('/');
    const fn = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1);
    const owner = ownerOf(frame.url, frame.functionName);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
  }
  const total = [...byFunction.values()].reduce((sum, n) => sum + n, 0) || 1;
  return { byFunction: shares(byFunction, total, top), byOwner: shares(byOwner, total, top) };
}
