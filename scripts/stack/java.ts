import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './errors.js';
import { MIN_JAVA_MAJOR } from './versions.js';

export interface Java {
  home: string | undefined;
  java: string;
  keytool: string;
  major: number;
}

/** The major version `java -version` reports (1.8 → 8), or undefined when it does not run. */
export function probeJavaMajor(javaBin: string): number | undefined {
  const result = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

function fromHome(home: string): Java | undefined {
  const java = join(home, 'bin', 'java');
  if (!existsSync(java)) return undefined;
  const major = probeJavaMajor(java);
  return major === undefined ? undefined : { home, java, keytool: join(home, 'bin', 'keytool'), major };
}

function fromPath(): Java | undefined {
  const major = probeJavaMajor('java');
  return major === undefined ? undefined : { home: undefined, java: 'java', keytool: 'keytool', major };
}

function installedJdks(): Java[] {
  const root = '/usr/lib/jvm';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((name) => fromHome(join(root, name)))
    .filter((java): java is Java => java !== undefined)
    .sort((a, b) => a.major - b.major);
}

/**
 * The Java that runs Kafka and the registry: STACK_JAVA_HOME, else JAVA_HOME, else `java` on the
 * PATH; when that one is older than MIN_JAVA_MAJOR, the oldest suitable JDK under /usr/lib/jvm.
 */
export function findJava(env: NodeJS.ProcessEnv = process.env): Java {
  const explicit = env.STACK_JAVA_HOME ?? env.JAVA_HOME;
  const chosen = explicit ? fromHome(explicit) : fromPath();
  if (chosen && chosen.major >= MIN_JAVA_MAJOR) return chosen;
  const fallback = installedJdks().find((java) => java.major >= MIN_JAVA_MAJOR);
  if (fallback && !env.STACK_JAVA_HOME) return fallback;
  const where = explicit ? `at ${explicit}` : 'on the PATH';
  const found = chosen ? `Java ${chosen.major} ${where} is too old` : `no working Java ${where}`;
  throw new StackError(
    `${found}: Kafka and Apicurio Registry need Java ${MIN_JAVA_MAJOR} or newer. ` +
      `Install a JDK ${MIN_JAVA_MAJOR}+ (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME to one.`,
  );
}
