import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './errors.js';
import type { Java } from './java.js';
import { say } from './log.js';
import type { StackPaths } from './paths.js';

export interface TlsFiles {
  /** PKCS12 keystore of the brokers: key + certificate for 127.0.0.1/localhost, signed by the CA. */
  keystore: string;
  /** The CA certificate (PEM) that clients trust: KAFKA_SSL_CA. */
  caPem: string;
}

export function tlsFiles(paths: StackPaths): TlsFiles {
  return { keystore: join(paths.tls, 'broker.p12'), caPem: join(paths.tls, 'ca.pem') };
}

/**
 * A local CA and one broker certificate (SAN 127.0.0.1 and localhost), made with keytool from the
 * JDK that runs the stack. Passwords go to keytool through the environment, never the command line.
 */
export function ensureTls(paths: StackPaths, java: Java, password: string): TlsFiles {
  const files = tlsFiles(paths);
  if (existsSync(files.keystore) && existsSync(files.caPem)) return files;
  say(`making a CA and a broker certificate in ${paths.tls}`);
  rmSync(paths.tls, { recursive: true, force: true });
  mkdirSync(paths.tls, { recursive: true, mode: 0o700 });
  const ca = join(paths.tls, 'ca.p12');
  const csr = join(paths.tls, 'broker.csr');
  const cert = join(paths.tls, 'broker.pem');
  const store = (file: string) => ['-keystore', file, '-storetype', 'PKCS12', '-storepass:env', 'STACK_TLS_PASSWORD'];
  const key = ['-keyalg', 'RSA', '-keysize', '2048', '-validity', '3650'];
  const steps: string[][] = [
    ['-genkeypair', '-alias', 'ca', '-dname', 'CN=callback-enricher local CA', ...key, '-ext', 'bc:c', ...store(ca)],
    ['-exportcert', '-rfc', '-alias', 'ca', '-file', files.caPem, ...store(ca)],
    ['-genkeypair', '-alias', 'broker', '-dname', 'CN=localhost', ...key, ...store(files.keystore)],
    ['-certreq', '-alias', 'broker', '-file', csr, ...store(files.keystore)],
    ['-gencert', '-alias', 'ca', '-infile', csr, '-outfile', cert, '-rfc', '-validity', '3650',
      '-ext', 'SAN=dns:localhost,ip:127.0.0.1', '-ext', 'eku=serverAuth', ...store(ca)],
    ['-importcert', '-noprompt', '-alias', 'ca', '-file', files.caPem, ...store(files.keystore)],
    ['-importcert', '-alias', 'broker', '-file', cert, ...store(files.keystore)],
  ];
  for (const args of steps) {
    const result = spawnSync(java.keytool, args, {
      encoding: 'utf8',
      env: { ...process.env, STACK_TLS_PASSWORD: password },
    });
    if (result.status !== 0) {
      throw new StackError(`keytool ${args[0]} failed: ${(result.stderr || result.stdout || String(result.error)).trim()}`);
    }
  }
  rmSync(csr, { force: true });
  return files;
}
