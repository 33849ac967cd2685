// The worker's HTTP face: /healthz (the process answers), /readyz (200 or 503 with the reasons,
// for a load balancer or Kubernetes) and /metrics (Prometheus). node:http, no framework.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadinessVerdict } from './evaluateReadiness.js';
import { describeError } from '../errors.js';

export interface HttpServerOptions {
  port: number;
  /** Default 0.0.0.0, so a container's port mapping reaches it. */
  host?: string;
  readiness: () => ReadinessVerdict;
  metrics: { metricsText(): Promise<string>; readonly contentType: string };
}

export interface HttpServer {
  /** The bound port (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function route(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
  switch (path) {
    case '/healthz':
      return sendJson(res, 200, { status: 'ok' });
    case '/readyz': {
      const verdict = options.readiness();
      return sendJson(res, verdict.ready ? 200 : 503, verdict);
    }
    case '/metrics': {
      const text = await options.metrics.metricsText();
      res.writeHead(200, { 'Content-Type': options.metrics.contentType });
      res.end(text);
      return;
    }
    default:
      return sendJson(res, 404, { error: 'not found', paths: ['/healthz', '/readyz', '/metrics'] });
  }
}

export function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const server = createServer((req, res) => {
    route(req, res, options).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: describeError(error) });
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject); // EADDRINUSE and the like: start-up fails with the reason
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done, fail) => {
          server.close((error) => (error ? fail(error) : done()));
          server.closeAllConnections(); // keep-alive scrapers must not hold up shutdown
        }),
      });
    });
  });
}
