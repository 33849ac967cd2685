// The secured parts of the local stack (STACK_SECURITY=sasl_ssl): SCRAM-SHA-512 over TLS on the
// brokers' extra listener, and basic auth on the registry. Skipped on a stack without them.
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createTopic } from '../helpers/createTopics.js';
import { readUntil } from '../helpers/readUntil.js';
import { createFixtureProducer, kafkaConfigFrom, registryFetch, saslSslEnv, stackEnv } from '../helpers/stack.js';
import { uniqueName } from '../helpers/uniqueName.js';

const env = stackEnv();

describe.runIf(env.STACK_SASL_SSL_BROKERS !== undefined)('SASL_SSL listener', () => {
  it('produces and consumes with SCRAM-SHA-512 over TLS', async () => {
    const secured = saslSslEnv(env);
    const topic = uniqueName('smoke.sasl');
    await createTopic(topic, secured);
    const producer = createFixtureProducer('sasl-smoke', secured);
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'over tls' }] });
    await producer.disconnect();
    const [message] = await readUntil(topic, 1, { env: secured });
    expect(message?.value?.toString()).toBe('over tls');
  });

  it('refuses a wrong password', async () => {
    const wrong = { ...saslSslEnv(env), KAFKA_SASL_PASSWORD: 'not-the-password' };
    const admin = new Kafka({ ...kafkaConfigFrom(wrong), retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed|Authentication failed/i);
    await admin.disconnect();
  });

  it('refuses a client that does not trust the stack CA', async () => {
    const { KAFKA_SSL_CA_PATH: _ca, ...untrusted } = saslSslEnv(env);
    const admin = new Kafka({ ...kafkaConfigFrom(untrusted), retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
    await expect(admin.connect()).rejects.toThrow(/certificate/i);
    await admin.disconnect();
  });
});

describe.runIf(env.SCHEMA_REGISTRY_USER !== undefined)('registry basic auth', () => {
  it('answers 401 without credentials and 200 with them', async () => {
    const anonymous = await fetch(`${env.SCHEMA_REGISTRY_URL}/subjects`);
    expect(anonymous.status).toBe(401);
    const authenticated = await registryFetch('/subjects');
    expect(authenticated.status).toBe(200);
  });
});
