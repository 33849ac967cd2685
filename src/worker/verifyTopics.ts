// Start-up check that every topic the worker reads or writes exists. The worker does not create
// topics: partition counts, replication and retention are the operator's decisions (the demo and
// the tools create them for the local stack). A rule naming a missing topic is a start-up error.
import type { StreamAdmin } from '../kafka/streamClient.js';

export interface RequiredTopic {
  topic: string;
  /** Where the name comes from, for the message: `OUTPUT_TOPIC`, `ROUTES rule 2`. */
  source: string;
}

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

export async function verifyTopics(admin: StreamAdmin, required: RequiredTopic[]): Promise<void> {
  const missing = findMissingTopics(await admin.listTopics(), required);
  if (missing.length > 0) throw new MissingTopicsError(missing);
}
