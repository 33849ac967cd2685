// What the systems run from must be current: the worker from dist/ (what `npx callback-enricher`
// runs; `npm ci` builds it), the Kafka Streams peer from its jar (built with Maven on first use,
// offline when ~/.m2 has everything, so CI pays the download once).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const KSTREAMS_DIR = join(ROOT, 'bench', 'peers', 'kstreams');
export const KSTREAMS_JAR = join(KSTREAMS_DIR, 'target', 'kstreams-peer.jar');

/** The newest modification time of the files below `paths` (0 for none). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) newest = Math.max(newest, newestMtime(readdirSync(path).map((name) => join(path, name))));
    else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

function isOlderThan(target: string, sources: string[]): boolean {
  return !existsSync(target) || statSync(target).mtimeMs < newestMtime(sources);
}

export function ensureWorkerBuilt(log: (line: string) => void): void {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  if (!isOlderThan(main, [join(ROOT, 'src')])) return;
  log('  building dist/ (src/ changed since the last build)');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}

export function ensureKstreamsJar(log: (line: string) => void): void {
  const sources = [join(KSTREAMS_DIR, 'pom.xml'), join(KSTREAMS_DIR, 'src'), join(ROOT, 'avro')];
  if (!isOlderThan(KSTREAMS_JAR, sources)) return;
  log('  building the Kafka Streams peer with Maven (bench/peers/kstreams)');
  try {
    execFileSync('mvn', ['-q', '-B', '-o', 'package'], { cwd: KSTREAMS_DIR, stdio: 'pipe' });
  } catch {
    log('  offline build failed (dependencies not cached yet): building online');
    execFileSync('mvn', ['-q', '-B', 'package'], { cwd: KSTREAMS_DIR, stdio: 'inherit' });
  }
}
