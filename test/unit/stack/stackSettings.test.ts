import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { START_MARKER, tailFile } from '../../../scripts/stack/log.js';
import { parseMode } from '../../../scripts/stack/mode.js';
import { redact } from '../../../scripts/stack/secrets.js';
import { formatEnvFile, parseEnvFile } from '../../../scripts/stack/stackEnv.js';

describe('parseMode', () => {
  it('defaults to one broker, no security, not explicit', () => {
    expect(parseMode({})).toEqual({ mode: { brokers: 1, security: 'none', registryAuth: false }, explicit: false });
  });

  it('turns registry basic auth on with sasl_ssl unless told otherwise', () => {
    expect(parseMode({ STACK_BROKERS: '3', STACK_SECURITY: 'sasl_ssl' }).mode).toEqual({
      brokers: 3,
      security: 'sasl_ssl',
      registryAuth: true,
    });
    expect(parseMode({ STACK_SECURITY: 'sasl_ssl', STACK_REGISTRY_AUTH: 'none' }).mode.registryAuth).toBe(false);
    expect(parseMode({ STACK_REGISTRY_AUTH: 'basic' })).toMatchObject({ mode: { registryAuth: true }, explicit: true });
  });

  it.each([
    [{ STACK_BROKERS: '2' }, /STACK_BROKERS must be 1 or 3/],
    [{ STACK_SECURITY: 'ssl' }, /STACK_SECURITY must be none or sasl_ssl/],
    [{ STACK_REGISTRY_AUTH: 'oidc' }, /STACK_REGISTRY_AUTH must be none or basic/],
  ])('names the variable of a bad value %o', (env, message) => {
    expect(() => parseMode(env)).toThrow(message);
  });
});

describe('stack.env', () => {
  it('round-trips KEY=value lines, values with = included', () => {
    const env = { KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9192', SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7', X: 'a=b' };
    expect(parseEnvFile(formatEnvFile(env))).toEqual(env);
  });

  it('masks secrets for printing', () => {
    expect(redact({ SCHEMA_REGISTRY_PASSWORD: 's', STACK_SASL_PASSWORD: 's', KAFKA_BROKERS: 'b' })).toEqual({
      SCHEMA_REGISTRY_PASSWORD: '********',
      STACK_SASL_PASSWORD: '********',
      KAFKA_BROKERS: 'b',
    });
  });
});

describe('tailFile', () => {
  it('shows only what the latest start wrote', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stack-log-')), 'broker.log');
    writeFileSync(file, ['old run', `${START_MARKER} broker-1`, 'first', 'second', ''].join('\n'));
    expect(tailFile(file)).toBe('first\nsecond');
    expect(tailFile(join(file, 'missing'))).toMatch(/no log at/);
  });
});
