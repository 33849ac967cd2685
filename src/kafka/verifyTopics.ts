// Start-up check that every topic a command reads or writes exists (the worker, produce, replay).
// Nothing here creates topics: partition counts, replication and retention are the operator's
// decisions (the demo and the tools create them for the local stack).
import type { StreamAdmin, StreamClient } from './streamClient.js';
import type { RequiredTopic } from './topics.js';

export class MissingTopicsError extends Error {
  readonly retriable = false;
  constructor(readonly missing: RequiredTopic[]) {
    super(
      `missing topic${missing.length > 1 ? 's' : ''}: ` +
        missing.map(({ topic, source }) => `"${topic}" (${source})`).join(', ') +
        '. The worker does not create topics; create them first (for example with kafka-topics.sh, or `npm run demo` on the local stack).',
    );
    this.name = 'MissingTopicsError';
  }
}

export function findMissingTopics(existing: Iterable<string>, required: RequiredTopic[]): RequiredTopic[] {
  const names = new Set(existing);
  return required.filter(({ topic }) => !names.has(topic));
}

/** Throws MissingTopicsError naming every missing topic and the setting that names it. */
export async function verifyTopics(admin: StreamAdmin, required: RequiredTopic[]): Promise<void> {
  const missing = findMissingTopics(await admin.listTopics(), required);
  if (missing.length > 0) throw new MissingTopicsError(missing);
}

/** verifyTopics on an admin connection of its own, for the tools that hold none. */
export async function verifyTopicsExist(client: StreamClient, required: RequiredTopic[]): Promise<void> {
  const admin = client.createAdmin();
  await admin.connect();
  try {
    await verifyTopics(admin, required);
  } finally {
    await admin.disconnect();
  }
}
