// The outside reader's Python: a venv in the stack folder with confluent-kafka and fastavro from
// PyPI, made on first use (python3 -m venv; pip install), reused after.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../stack/paths.js';

const run = promisify(execFile);
const PACKAGES = ['confluent-kafka', 'fastavro'];

export interface PythonEnv {
  /** Runs scripts/chaos/<script> with args (and stdin text); resolves with stdout. */
  runScript(script: string, args: string[], stdin?: string): Promise<string>;
}

export async function ensurePythonEnv(stackDir: string, log: (line: string) => void): Promise<PythonEnv> {
  const venv = join(stackDir, 'venv');
  const python = join(venv, 'bin', 'python');
  const ready = existsSync(python) && (await run(python, ['-c', 'import confluent_kafka, fastavro']).then(() => true, () => false));
  if (!ready) {
    log(`making a Python venv in ${venv} with ${PACKAGES.join(', ')}`);
    await run('python3', ['-m', 'venv', venv]);
    await run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...PACKAGES], { maxBuffer: 64 * 1024 * 1024 });
  }
  return {
    runScript(script, args, stdin) {
      return new Promise((resolve, reject) => {
        const child = spawn(python, [join(REPO_ROOT, 'scripts', 'chaos', script), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString('utf8'); });
        child.on('error', reject);
        child.on('close', (code) => {
          if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
          else reject(new Error(`${script} exited ${code}: ${err.slice(-2000)}`));
        });
        child.stdin.end(stdin ?? '');
      });
    },
  };
}
