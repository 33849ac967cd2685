import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { StackError } from './errors.js';
import type { Java } from './java.js';
import { say, seconds, tailFile } from './log.js';
import { REPO_ROOT, type StackPaths } from './paths.js';
import { APICURIO_VERSION, KAFKA_VERSION } from './versions.js';

const MARKER = '.complete';

export function isFetched(paths: StackPaths): boolean {
  return existsSync(join(paths.kafkaHome, MARKER)) && existsSync(join(paths.apicurioHome, MARKER));
}

/**
 * Makes sure Kafka's jars and Apicurio's app are under .local/dist. The first run asks Maven
 * (stack/pom.xml), which downloads into ~/.m2 once; later runs find the markers and skip Maven.
 */
export async function ensureFetched(paths: StackPaths, java: Java): Promise<void> {
  if (isFetched(paths)) return;
  const started = Date.now();
  say(`fetching Kafka ${KAFKA_VERSION} and Apicurio Registry ${APICURIO_VERSION} with Maven (cached in ~/.m2)`);
  await runMaven(paths, java);
  unpackApicurio(paths);
  writeFileSync(join(paths.kafkaHome, MARKER), `${KAFKA_VERSION}\n`);
  say(`fetched in ${seconds(started)}`);
}

async function runMaven(paths: StackPaths, java: Java): Promise<void> {
  mkdirSync(paths.logs, { recursive: true });
  const logPath = join(paths.logs, 'maven.log');
  const args = [
    '-B',
    '-f', join(REPO_ROOT, 'stack', 'pom.xml'),
    'generate-resources',
    `-Dstack.dir=${paths.dir}`,
    `-Dkafka.version=${KAFKA_VERSION}`,
    `-Dapicurio.version=${APICURIO_VERSION}`,
  ];
  const env = java.home ? { ...process.env, JAVA_HOME: java.home } : process.env;
  const child = spawn('mvn', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logPath);
  child.stderr.pipe(log, { end: false });
  let downloads = 0;
  createInterface({ input: child.stdout }).on('line', (line) => {
    log.write(`${line}\n`);
    const match = /Downloaded from \S+: \S+\/([^/\s]+) \(([^)]+)\)/.exec(line);
    if (match && /\.(jar|tar\.gz)$/.test(match[1] ?? '')) {
      downloads += 1;
      say(`  downloaded ${match[1]} (${match[2]})`);
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new StackError('Maven (mvn) is not on the PATH: it is needed once, to fetch Kafka and Apicurio into ~/.m2.')
          : error,
      ),
    );
    child.on('close', resolve);
  });
  await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) {
    throw new StackError(`Maven failed (exit ${code}); the end of ${logPath}:\n${tailFile(logPath, 30)}`);
  }
  if (downloads === 0) say('  (everything was already in ~/.m2)');
}

function unpackApicurio(paths: StackPaths): void {
  rmSync(paths.apicurioHome, { recursive: true, force: true });
  mkdirSync(paths.apicurioHome, { recursive: true });
  const tar = spawnSync('tar', ['-xzf', paths.apicurioTarball, '-C', paths.apicurioHome], { encoding: 'utf8' });
  if (tar.status !== 0) throw new StackError(`could not unpack ${paths.apicurioTarball}: ${tar.stderr || tar.error}`);
  rmSync(paths.apicurioTarball, { force: true });
  writeFileSync(join(paths.apicurioHome, MARKER), `${APICURIO_VERSION}\n`);
}
