// createRegistryClient against the real registry of the stack (Apicurio locally). Request
// counts come from a small counting HTTP proxy in front of it: no mocks of the client or fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient, type RegistryClientOptions } from '../../src/registry/createRegistryClient.js';
import { RegistryHttpError, RegistryUnavailableError, SchemaNotPrefetchedError } from '../../src/registry/registryErrors.js';
import { projectSchemas } from '../../src/schemas/avroSchemas.js';
import { toAvroCallback } from '../../src/model/toAvroCallback.js';
import { stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';

function registryOptions(): RegistryClientOptions {
  const env = stackEnv();
  const url = env.SCHEMA_REGISTRY_URL!;
  const user = env.SCHEMA_REGISTRY_USER;
  return { url, timeoutMs: 5_000, ...(user ? { auth: { username: user, password: env.SCHEMA_REGISTRY_PASSWORD ?? '' } } : {}) };
}

/** Forwards every request to the registry and counts them by path. */
async function startCountingProxy(target: string): Promise<{ url: string; requests: string[]; authorizations: string[]; close(): Promise<void> }> {
  const base = new URL(target);
  const requests: string[] = [];
  const authorizations: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      authorizations.push(req.headers.authorization ?? '');
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'accept', 'authorization']) if (req.headers[name]) headers[name] = String(req.headers[name]);
      fetch(`${base.origin}${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => { res.writeHead(502); res.end(); });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base.pathname.replace(/\/+$/, '')}`,
    requests,
    authorizations,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/** A port nothing listens on: bind one, then release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const callbackSchema = projectSchemas().schemas.callback;

describe('createRegistryClient on the real registry', () => {
  const client = createRegistryClient(registryOptions());

  it('registers a schema idempotently and serves it back by id as a writer Type', async () => {
    const subject = uniqueName('callbacks.raw-value');
    const id = await client.registerSchema(subject, callbackSchema, 'BACKWARD');
    expect(await client.registerSchema(subject, callbackSchema, 'BACKWARD')).toBe(id);

    const fresh = createRegistryClient(registryOptions());
    await fresh.prefetchWriterTypes([id]);
    const writer = fresh.writerTypeFor(id);
    const bytes = projectSchemas().types.callback.toBuffer(toAvroCallback({ id: 'cb-9', state: 'CONNECTED' }));
    expect(writer?.fromBuffer(bytes)).toMatchObject({ id: 'cb-9', state: 'CONNECTED' });
  });

  it('lists versions oldest first and the latest one; a missing subject is undefined / []', async () => {
    const subject = uniqueName('callbacks.raw-value');
    const v1 = await client.registerSchema(subject, callbackSchema, 'BACKWARD');
    const evolved = { ...callbackSchema, fields: [...callbackSchema.fields, { name: 'queueId', type: ['null', 'string'], default: null }] };
    const v2 = await client.registerSchema(subject, evolved);
    expect(v2).not.toBe(v1);
    const versions = await client.allVersions(subject);
    expect(versions.map((v) => [v.version, v.id])).toEqual([[1, v1], [2, v2]]);
    expect(JSON.parse(versions[1]!.schema).fields.at(-1).name).toBe('queueId');
    expect((await client.latestSchema(subject))?.id).toBe(v2);
    expect(await client.latestSchema(uniqueName('missing-value'))).toBeUndefined();
    expect(await client.allVersions(uniqueName('missing-value'))).toEqual([]);
  });

  it('refuses an incompatible schema under BACKWARD with a RegistryHttpError (a definite answer, not an outage)', async () => {
    const subject = uniqueName('callbacks.raw-value');
    await client.registerSchema(subject, callbackSchema, 'BACKWARD');
    const incompatible = { ...callbackSchema, fields: [...callbackSchema.fields, { name: 'mandatory', type: 'string' }] };
    const error = await client.registerSchema(subject, incompatible).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryHttpError);
    expect(error).toMatchObject({ status: 409, retriable: false });
  });

  it('answers not-found for an unknown id (UNKNOWN_SCHEMA), and throws for an id never prefetched', async () => {
    await client.prefetchWriterTypes([2_000_000_123]);
    expect(client.writerTypeFor(2_000_000_123)).toBeUndefined();
    expect(() => client.writerTypeFor(2_000_000_124)).toThrow(SchemaNotPrefetchedError);
  });

  it('treats a base URL that is not the Confluent API as an outage, never as not-found', async () => {
    // Apicurio answers 404 without error_code 40403 here (as it does for its bare origin).
    const wrong = createRegistryClient({ ...registryOptions(), url: `${new URL(registryOptions().url).origin}/not-the-registry-api` });
    await expect(wrong.prefetchWriterTypes([1])).rejects.toBeInstanceOf(RegistryUnavailableError);
    expect(() => wrong.writerTypeFor(1)).toThrow(SchemaNotPrefetchedError);
  });

  it('is reachable', async () => {
    expect(await client.isReachable()).toBe(true);
  });
});

describe('createRegistryClient when the registry is down', () => {
  it('throws RegistryUnavailableError (retriable) and never caches the id as not-found', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/apis/ccompat/v7`;
    const down = createRegistryClient({ url, auth: { username: 'svc', password: 'hunter2-secret' }, timeoutMs: 2_000 });
    const error = await down.prefetchWriterTypes([1, 2]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnavailableError);
    expect(error).toMatchObject({ retriable: true });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect((error as Error).message).not.toContain('hunter2-secret');
    expect(() => down.writerTypeFor(1)).toThrow(SchemaNotPrefetchedError);
    expect(await down.isReachable()).toBe(false);
    await expect(down.registerSchema('s-value', callbackSchema)).rejects.toBeInstanceOf(RegistryUnavailableError);
  });

  it('refuses a URL with credentials without echoing them', () => {
    expect(() => createRegistryClient({ url: 'http://svc:hunter2-secret@127.0.0.1:1' })).toThrow(/\*\*\*@127\.0\.0\.1/);
    expect(() => createRegistryClient({ url: 'http://svc:hunter2-secret@127.0.0.1:1' })).not.toThrow(/hunter2/);
  });
});

describe('createRegistryClient request counts (through a counting proxy)', () => {
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
  let id: number;
  beforeAll(async () => {
    proxy = await startCountingProxy(registryOptions().url);
    id = await createRegistryClient(registryOptions()).registerSchema(uniqueName('callbacks.raw-value'), {
      ...callbackSchema, fields: [...callbackSchema.fields, { name: uniqueName('f').replace(/-/g, '_'), type: ['null', 'string'], default: null }],
    });
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('makes one request for N concurrent prefetches of a new id, and none once cached', async () => {
    const client = createRegistryClient({ ...registryOptions(), url: proxy.url });
    const before = proxy.requests.length;
    await Promise.all(Array.from({ length: 20 }, () => client.prefetchWriterTypes([id, id])));
    expect(proxy.requests.slice(before)).toEqual([`GET ${new URL(proxy.url).pathname}/schemas/ids/${id}`]);
    expect(client.writerTypeFor(id)).toBeInstanceOf(avro.Type);
    await client.prefetchWriterTypes([id]);
    expect(proxy.requests.length).toBe(before + 1);
  });

  it('asks for a not-found id again only after the not-found TTL', async () => {
    let now = 0;
    const client = createRegistryClient({ ...registryOptions(), url: proxy.url, notFoundTtlMs: 1_000, clock: () => now });
    const unknown = 2_000_000_321;
    const count = () => proxy.requests.filter((r) => r.endsWith(`/schemas/ids/${unknown}`)).length;
    await client.prefetchWriterTypes([unknown]);
    await client.prefetchWriterTypes([unknown]);
    expect(count()).toBe(1);
    now = 1_001;
    await client.prefetchWriterTypes([unknown]);
    expect(count()).toBe(2);
  });

  it('sends basic auth on every request', async () => {
    const client = createRegistryClient({ ...registryOptions(), url: proxy.url, auth: { username: 'svc', password: 'pw' } });
    const before = proxy.authorizations.length;
    await client.isReachable();
    expect(proxy.authorizations.slice(before)).toEqual([`Basic ${Buffer.from('svc:pw').toString('base64')}`]);
  });
});
