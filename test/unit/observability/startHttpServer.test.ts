// Real HTTP on 127.0.0.1 with an ephemeral port: no Kafka needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/observability/createMetrics.js';
import type { ReadinessVerdict } from '../../../src/observability/evaluateReadiness.js';
import { startHttpServer, type HttpServer } from '../../../src/observability/startHttpServer.js';

describe('startHttpServer', () => {
  let server: HttpServer;
  let verdict: ReadinessVerdict = { ready: false, reasons: ['campaign table not loaded'] };
  const metrics = createMetrics();
  const get = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${server.port}${path}`, init);

  beforeAll(async () => {
    server = await startHttpServer({ port: 0, host: '127.0.0.1', readiness: () => verdict, metrics });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers /healthz with 200', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 503 and the reasons, then 200 once ready', async () => {
    const unready = await get('/readyz');
    expect(unready.status).toBe(503);
    expect(await unready.json()).toEqual({ ready: false, reasons: ['campaign table not loaded'] });
    verdict = { ready: true, reasons: [] };
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, reasons: [] });
  });

  it('serves the metrics in Prometheus text format', async () => {
    metrics.recordsIn(3);
    metrics.recordsDeadLettered('UNKNOWN_SCHEMA');
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('callback_enricher_records_in_total 3');
    expect(text).toContain('callback_enricher_records_dead_lettered_total{reason="unknown_schema"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/healthz', { method: 'POST' })).status).toBe(405);
  });

  it('fails to start on a port in use, with the reason', async () => {
    await expect(startHttpServer({ port: server.port, host: '127.0.0.1', readiness: () => verdict, metrics })).rejects.toThrow(/EADDRINUSE/);
  });
});
