import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { WAIT_CONDITIONS } from '../../../src/kafka/classifyKafkaJsLog.js';
import { createKafkaJsLogCreator, WAIT_QUIET_MS } from '../../../src/kafka/kafkaJsLogCreator.js';
import { createLogger } from '../../../src/observability/createLogger.js';

function setUp(level: 'debug' | 'info' = 'debug') {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  let now = 1_000_000;
  const logger = createLogger({ level, destination: stream });
  const log = createKafkaJsLogCreator(logger, () => now)(logLevel.DEBUG);
  return {
    entry(kafkaLevel: logLevel, message: string, extra: Record<string, unknown> = {}) {
      log({ namespace: 'Connection', level: kafkaLevel, label: 'ERROR', log: { message, timestamp: 'x', ...extra } });
    },
    advance(ms: number) { now += ms; },
    lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

// What KafkaJS logged at ERROR during `npm run demo` on a fresh stack.
const COORDINATOR_LOADING = "The coordinator is loading and hence can't process requests for this group";
const NO_COORDINATOR = 'The group coordinator is not available';

describe('KafkaJS log lines in the worker log', () => {
  it('says a normal start-up wait once at info with what is waited for; repeats go to debug', () => {
    const log = setUp();
    log.entry(logLevel.ERROR, 'Response InitProducerId(key: 22, version: 1)', { error: COORDINATOR_LOADING, broker: 'b:9092' });
    log.entry(logLevel.ERROR, 'Response InitProducerId(key: 22, version: 1)', { error: COORDINATOR_LOADING, broker: 'b:9092' });
    log.entry(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', { error: NO_COORDINATOR, broker: 'b:9092' });
    log.entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', { broker: '127.0.0.1:9092' });
    const lines = log.lines();
    expect(lines.map((l) => [l.level, l.condition])).toEqual([
      ['info', 'GROUP_LOAD_IN_PROGRESS'], ['debug', 'GROUP_LOAD_IN_PROGRESS'], ['info', 'GROUP_COORDINATOR_NOT_AVAILABLE'], ['info', 'CONNECTION_REFUSED'],
    ]);
    expect(lines[0]!.msg).toBe('waiting for the group coordinator to finish loading (GROUP_LOAD_IN_PROGRESS; retrying): Response InitProducerId(key: 22, version: 1)');
    expect(lines[2]!.msg).toMatch(/^waiting for a group coordinator to become available/);
    expect(lines[3]!.msg).toMatch(/^waiting for the broker to accept connections/);
    expect(lines[0]).toMatchObject({ component: 'kafkajs', namespace: 'Connection', broker: 'b:9092' });
  });

  it('says it at info again once the condition was quiet for a while (a new episode)', () => {
    const log = setUp();
    log.entry(logLevel.ERROR, 'Response GroupCoordinator', { error: NO_COORDINATOR });
    log.advance(WAIT_QUIET_MS - 1);
    log.entry(logLevel.ERROR, 'Response GroupCoordinator', { error: NO_COORDINATOR });
    log.advance(WAIT_QUIET_MS + 1);
    log.entry(logLevel.ERROR, 'Response GroupCoordinator', { error: NO_COORDINATOR });
    expect(log.lines().map((l) => l.level)).toEqual(['info', 'debug', 'info']);
  });

  it('keeps real errors at their level', () => {
    const log = setUp('info');
    log.entry(logLevel.ERROR, 'Crash: KafkaJSSASLAuthenticationError: SASL SCRAM SHA512 authentication failed');
    log.entry(logLevel.ERROR, 'Response Produce(key: 0, version: 7)', { error: 'The request included a message larger than the max message size the server will accept' });
    log.entry(logLevel.WARN, 'Could not create topics', { error: 'Topic with this name already exists' });
    expect(log.lines().map((l) => l.level)).toEqual(['error', 'error', 'warn']);
  });

  it('knows every wait condition by the message the installed KafkaJS writes for it', () => {
    const { errorCodes } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as { errorCodes: Array<{ type: string; retriable: boolean }> };
    for (const condition of WAIT_CONDITIONS.filter((c) => c !== 'CONNECTION_REFUSED')) {
      // Retriable in KafkaJS's own table (a rebalance is answered by rejoining): downgrading
      // its log line hides no failure.
      const code = errorCodes.find((one) => one.type === condition);
      expect(code, condition).toBeDefined();
      expect(code!.retriable || condition === 'REBALANCE_IN_PROGRESS', condition).toBe(true);
    }
  });
});
