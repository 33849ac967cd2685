// The topics the worker and the tools use, and the registry subject of each topic's values: the
// one place that spells the `<topic>-value` name (Confluent's TopicNameStrategy).
import type { Config } from '../config/config.js';

export interface RequiredTopic {
  topic: string;
  /** Where the name comes from, for the message: `OUTPUT_TOPIC`, `ROUTES rule 2`. */
  source: string;
}

/** The registry subject of a topic's values (TopicNameStrategy). */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

/** Every topic the worker needs, with the setting that names it (for the start-up error). */
export function requiredTopics(config: Pick<Config, 'topics' | 'routes'>): RequiredTopic[] {
  const { topics } = config;
  return [
    { topic: topics.input, source: 'INPUT_TOPIC' },
    { topic: topics.output, source: 'OUTPUT_TOPIC' },
    { topic: topics.dlq, source: 'DLQ_TOPIC' },
    { topic: topics.campaign, source: 'CAMPAIGN_TOPIC' },
    ...config.routes.map((rule, index) => ({ topic: rule.topic, source: `route rule ${index + 1} (ROUTES)` })),
  ];
}
