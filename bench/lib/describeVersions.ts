// The versions a suite's figures depend on beyond the machine line: Java (the peer), the broker,
// the Node that ran the systems, and the exact command, for BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stackPaths } from '../../scripts/stack/paths.js';

function javaVersion(): string {
  // java writes its settings and version to stderr.
  const run = spawnSync('java', ['-XshowSettings:properties', '-version'], { encoding: 'utf8' });
  return run.stderr ?? '';
}

function brokerVersion(): string {
  const dist = join(stackPaths().dir, 'dist');
  const kafka = existsSync(dist) ? readdirSync(dist).find((name) => name.startsWith('kafka-')) : undefined;
  return kafka?.replace('kafka-', 'Kafka ') ?? 'Kafka (remote cluster, version not read)';
}

export function describeVersions(suite: string, quick: boolean): string {
  let java = 'Java not found';
  const settings = javaVersion();
  const version = /java\.runtime\.version = (\S+)/.exec(settings)?.[1];
  if (version) java = `Java ${version}`;
  // The overrides belong to the exact command: the same command without them measures something else.
  const overrides = Object.entries(process.env).filter(([name]) => name.startsWith('BENCH_')).map(([name, value]) => `${name}=${value} `).sort().join('');
  return `${java} (Kafka Streams 4.1.2 peer) · broker ${brokerVersion()} · command \`${overrides}npm run bench -- ${suite}${quick ? ' --quick' : ''}\``;
}
