// One HTTP call to a Confluent-compatible registry with node:http(s). Used instead of the kafkajs
// client because the classification needs what that client hides: the body's error_code (its
// mappersmith layer drops it) and a network failure told apart from an HTTP 400. Not fetch:
// undici's fetch cost about twice the CPU per request here (BENCHMARKS.md, throughput), which
// the worker pays once per unknown schema id. A network failure or timeout rejects without a
// status, which classifies as transient.
import http from 'node:http';
import https from 'node:https';
import type { BasicAuth } from '../config/config.js';
import { RegistryHttpError } from './registryErrors.js';

export interface RegistryEndpoint {
  /** Base URL without credentials, e.g. http://127.0.0.1:8080/apis/ccompat/v7 */
  url: string;
  auth?: BasicAuth;
  timeoutMs: number;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
// What Confluent's own clients accept; plain JSON too, so Apicurio's native API (asked by
// `schema check` for its rules) answers instead of 406.
const ACCEPT = 'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json';

function readErrorBody(text: string): { errorCode?: number; message?: string } {
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    return {
      ...(typeof body.error_code === 'number' ? { errorCode: body.error_code } : {}),
      ...(typeof body.message === 'string' ? { message: body.message } : {}),
    };
  } catch {
    return {};
  }
}

/** No answer within the endpoint's timeout (named as fetch's AbortSignal.timeout names it). */
export class RegistryTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

// Keep-alive: the worker asks again for each new schema id; idle sockets do not hold the process open.
const AGENTS = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

function exchange(url: URL, method: string, headers: Record<string, string>, payload: string | undefined, timeoutMs: number): Promise<{ status: number; text: string }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      reject(error);
    };
    const request = client.request(url, { method, headers, agent: url.protocol === 'https:' ? AGENTS['https:'] : AGENTS['http:'] }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    const timer = setTimeout(() => request.destroy(new RegistryTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', fail);
    request.end(payload);
  });
}

/**
 * The parsed JSON body of a 2xx answer. Throws RegistryHttpError for any other status; a network
 * failure or timeout rejects with an error without a status, which classifies as transient.
 */
export async function requestRegistry(endpoint: RegistryEndpoint, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { Accept: ACCEPT };
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) {
    headers['Content-Type'] = CONTENT_TYPE;
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  if (endpoint.auth) {
    headers.Authorization = `Basic ${Buffer.from(`${endpoint.auth.username}:${endpoint.auth.password}`).toString('base64')}`;
  }
  const { status, text } = await exchange(new URL(`${endpoint.url}${path}`), method, headers, payload, endpoint.timeoutMs);
  if (status < 200 || status > 299) {
    const { errorCode, message } = readErrorBody(text);
    throw new RegistryHttpError(method, path, status, errorCode, message);
  }
  return text === '' ? undefined : JSON.parse(text);
}
