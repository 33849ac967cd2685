// Every topic the worker needs, with the setting that names it (for the start-up error).
import type { Config } from '../config/config.js';
import type { RequiredTopic } from './verifyTopics.js';

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
