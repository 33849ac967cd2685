import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/observability/createLogger.js';

function capture(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes JSON lines with the level name and honours the level', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', destination: out.stream });
    logger.debug('hidden');
    logger.info({ topic: 'callbacks.raw' }, 'consuming');
    expect(out.lines()).toEqual([expect.objectContaining({ level: 'info', msg: 'consuming', topic: 'callbacks.raw' })]);
  });

  it('censors passwords wherever they sit in a logged object, even at debug', () => {
    const out = capture();
    const logger = createLogger({ level: 'trace', destination: out.stream });
    logger.debug({
      password: 'p0',
      sasl: { mechanism: 'plain', username: 'u', password: 'p1' },
      config: { kafka: { sasl: { password: 'p2' } }, registry: { auth: { password: 'p3' } } },
      headers: { authorization: 'Basic cDQ=' },
      env: { KAFKA_SASL_PASSWORD: 'p5' },
    }, 'settings');
    const text = JSON.stringify(out.lines());
    for (const secret of ['p0', 'p1', 'p2', 'p3', 'cDQ=', 'p5']) expect(text).not.toContain(`"${secret}"`);
    expect(text).toContain('"username":"u"');
  });
});
