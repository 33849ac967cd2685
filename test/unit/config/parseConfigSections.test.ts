import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/configError.js';
import { CONFIG_SECTIONS, sectionOf } from '../../../src/config/configSections.js';
import { ENV_VARIABLE_NAMES } from '../../../src/config/envVariables.js';
import { parseConfigSections, type ConfigIo } from '../../../src/config/parseConfigSections.js';

const io: ConfigIo = { hostname: () => 'host-a', readFile: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); } };

function problemsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfigSections', () => {
  it('puts every variable in exactly one section', () => {
    const listed = Object.values(CONFIG_SECTIONS).flat();
    expect([...listed].sort()).toEqual([...ENV_VARIABLE_NAMES].sort());
    expect(new Set(listed).size).toBe(listed.length);
    expect(sectionOf('KAFKA_BROKERS')).toBe('kafka');
    expect(sectionOf('SCHEMA_REGISTRY_PASSWORD')).toBe('registry');
  });

  it('parses only the sections asked for: the registry alone needs no broker', () => {
    const config = parseConfigSections({ SCHEMA_REGISTRY_URL: 'http://u:p@registry:8080/apis/ccompat/v7/', KAFKA_BROKERS: 'not a broker list' }, ['registry'], io);
    expect(config).toEqual({ registry: { url: 'http://registry:8080/apis/ccompat/v7', auth: { username: 'u', password: 'p' } } });
    expect(Object.isFrozen(config.registry)).toBe(true);
    expect(JSON.stringify(config)).not.toContain('"p"');
  });

  it('names every bad variable of the asked sections in one error, and none of the others', () => {
    const problems = problemsOf(() => parseConfigSections({
      KAFKA_BROKERS: 'nope', KAFKA_SASL_USERNAME: 'u', INPUT_TOPIC: 'a b', SCHEMA_REGISTRY_URL: 'ftp://x', HTTP_PORT: 'eighty',
    }, ['kafka', 'topics'], io));
    expect(Object.keys(problems).sort()).toEqual(['INPUT_TOPIC', 'KAFKA_BROKERS']);
    const cross = problemsOf(() => parseConfigSections({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_USERNAME: 'u', OUTPUT_TOPIC: 'callbacks.raw' }, ['kafka', 'topics'], io));
    expect(cross).toEqual({ KAFKA_SASL_MECHANISM: expect.stringMatching(/required/), OUTPUT_TOPIC: 'same topic as INPUT_TOPIC (callbacks.raw)' });
  });

  it('checks route rules against the topics even when the worker section is asked alone', () => {
    const problems = problemsOf(() => parseConfigSections({ ROUTES: '[{"topic":"callbacks.dlq","when":{"outcome":["SPAM"]}}]' }, ['worker'], io));
    expect(problems).toEqual({ ROUTES: "route topic callbacks.dlq is one of the worker's own topics" });
  });

  it('reads DEFAULT_PHONE_REGION as the enrich section, with its default', () => {
    expect(parseConfigSections({}, ['enrich'], io)).toEqual({ enrich: { defaultPhoneRegion: 'US' } });
    expect(parseConfigSections({ DEFAULT_PHONE_REGION: 'de' }, ['enrich'], io)).toEqual({ enrich: { defaultPhoneRegion: 'DE' } });
    expect(problemsOf(() => parseConfigSections({ DEFAULT_PHONE_REGION: 'XX' }, ['enrich'], io))).toEqual({ DEFAULT_PHONE_REGION: expect.stringMatching(/region/) });
  });
});
