import { randomBytes } from 'node:crypto';

/** `prefix-<random>`: a topic, group or subject name no other test file uses (legal in Kafka topic names). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
