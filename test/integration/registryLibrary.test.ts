// Why the worker and the tools talk to the registry with their own client (docs/registry.md):
// what @kafkajs/confluent-schema-registry does on the real registry of the stack, next to what
// RegistryClient does in the same case. If a new version of the library changes one of these,
// this test fails and the decision deserves a second look.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import TimeoutMiddleware from 'mappersmith/middleware/timeout';
import { describe, expect, it } from 'vitest';
import { createRegistryClient, type RegistryClientOptions } from '../../src/registry/createRegistryClient.js';
import { RegistryUnavailableError } from '../../src/registry/registryErrors.js';
import { classifyRegistryError } from '../../src/registry/classifyRegistryError.js';
import { createRegistry, registryFetch, stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';

const SCHEMA_V1 = { type: 'record', name: 'LibraryProbe', namespace: 'test', fields: [{ name: 'a', type: 'string' }] };
const SCHEMA_V2 = { ...SCHEMA_V1, fields: [...SCHEMA_V1.fields, { name: 'b', type: ['null', 'string'], default: null }] };

function ourOptions(): RegistryClientOptions {
  const env = stackEnv();
  const user = env.SCHEMA_REGISTRY_USER;
  return { url: env.SCHEMA_REGISTRY_URL!, timeoutMs: 5_000, ...(user ? { auth: { username: user, password: env.SCHEMA_REGISTRY_PASSWORD ?? '' } } : {}) };
}

/** A subject as a Java serializer (or any plain client) leaves it: one version, no level of its own. */
async function plainSubject(): Promise<string> {
  const subject = `${uniqueName('library')}-value`;
  const post = await registryFetch(`/subjects/${subject}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(SCHEMA_V1) }),
  });
  if (!post.ok) throw new Error(`register: ${post.status} ${await post.text()}`);
  return subject;
}

/** A server that accepts connections and never answers. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('@kafkajs/confluent-schema-registry on the stack, next to RegistryClient', () => {
  it('register() refuses a new version under a subject it did not create (Apicurio answers NONE for its level); registerSchema adds it', async () => {
    const subject = await plainSubject();
    const level = await (await registryFetch(`/config/${subject}`)).json() as { compatibilityLevel?: string };
    await expect(createRegistry().register(SCHEMA_V2 as never, { subject })).rejects.toThrow(/Compatibility does not match the configuration/);
    const id = await createRegistryClient(ourOptions()).registerSchema(subject, SCHEMA_V2);
    expect(id).toBeGreaterThan(0);
    // The library's check compares the registry's answer with its own default, BACKWARD.
    expect(level.compatibilityLevel).not.toBe('BACKWARD');
  });

  it('reports an unknown id as 404 without the registry\'s error_code, and a refused connection as status 400', async () => {
    const library = createRegistry();
    const unknown = await library.getSchema(2_000_000_000).catch((error: unknown) => error) as { status?: number; errorCode?: number };
    expect(unknown.status).toBe(404);
    expect(unknown.errorCode).toBeUndefined();
    const refused = await new SchemaRegistry({ host: 'http://127.0.0.1:1' }).getSchema(1).catch((error: unknown) => error) as { status?: number };
    expect(refused.status).toBe(400); // the STYLE.md trap: a 4xx that is an outage
    expect(classifyRegistryError(refused)).toBe('transient');
    await expect(createRegistryClient({ url: 'http://127.0.0.1:1' }).prefetchWriterTypes([1])).rejects.toThrow(RegistryUnavailableError);
  });

  it('has no request timeout of its own; with mappersmith\'s timeout middleware a timeout is status 400 as well', async () => {
    const silent = await silentServer();
    try {
      // The ESM typings of mappersmith's middleware differ from the CJS ones the library declares.
      const library = new SchemaRegistry({ host: silent.url, middlewares: [TimeoutMiddleware(300) as never] });
      const timedOut = await library.getSchema(1).catch((error: unknown) => error) as { status?: number; message?: string };
      expect(timedOut.status).toBe(400);
      expect(timedOut.message).toMatch(/Timeout \(300ms\)/);
      await expect(createRegistryClient({ url: silent.url, timeoutMs: 300 }).prefetchWriterTypes([1])).rejects.toThrow(RegistryUnavailableError);
    } finally {
      await silent.close();
    }
  });
});
