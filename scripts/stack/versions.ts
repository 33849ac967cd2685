// Versions of the local stack's Java components. stack/pom.xml carries the same defaults;
// scripts/stack/fetch.ts always passes these to Maven, so this file is the one to edit.
// STACK_KAFKA_VERSION overrides Kafka for trying another broker (docs/stack.md).

export const KAFKA_VERSION = process.env.STACK_KAFKA_VERSION ?? '4.1.2';
export const APICURIO_VERSION = '3.0.9';

// Kafka 4.x brokers and Apicurio 3.0.x both run on Java 17.
export const MIN_JAVA_MAJOR = 17;
