// One HTTP call to a Confluent-compatible registry with fetch. Used instead of the kafkajs
// client because the classification needs what that client hides: the body's error_code
// (its mappersmith layer drops it) and a network failure told apart from an HTTP 400. fetch
// also gives a per-request timeout (AbortSignal.timeout) without another dependency.
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

/**
 * The parsed JSON body of a 2xx answer. Throws RegistryHttpError for any other status; a network
 * failure or timeout rejects with fetch's own error (no status), which classifies as transient.
 */
export async function requestRegistry(endpoint: RegistryEndpoint, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (body !== undefined) headers['Content-Type'] = CONTENT_TYPE;
  if (endpoint.auth) {
    headers.Authorization = `Basic ${Buffer.from(`${endpoint.auth.username}:${endpoint.auth.password}`).toString('base64')}`;
  }
  const response = await fetch(`${endpoint.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(endpoint.timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) {
    const { errorCode, message } = readErrorBody(text);
    throw new RegistryHttpError(method, path, response.status, errorCode, message);
  }
  return text === '' ? undefined : JSON.parse(text);
}
