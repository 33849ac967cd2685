// Which KafkaJS log lines are a normal wait, not a fault. KafkaJS logs every error response at
// ERROR before it retries the request (network/connection.js), so a broker that is still starting
// ("The coordinator is loading ...", "The group coordinator is not available", connection
// refused) looks like a run of client errors although nothing is wrong yet. These conditions are
// recognised here by KafkaJS's own error table, and told apart from real errors.
import { createRequire } from 'node:module';

export interface WaitCondition {
  /** Kafka's error name (GROUP_LOAD_IN_PROGRESS), or CONNECTION_REFUSED. */
  condition: string;
  /** What the client is waiting for, for the log line. */
  waitingFor: string;
}

// Normal while a broker starts, a leader moves, a group rebalances or a transaction completes;
// KafkaJS (or the worker above it) retries every one of them.
const WAITS: Record<string, string> = {
  GROUP_LOAD_IN_PROGRESS: 'the group coordinator to finish loading',
  GROUP_COORDINATOR_NOT_AVAILABLE: 'a group coordinator to become available',
  NOT_COORDINATOR_FOR_GROUP: 'the group coordinator to be found again',
  LEADER_NOT_AVAILABLE: 'a partition leader to be elected',
  NOT_LEADER_FOR_PARTITION: 'partition leadership to settle',
  REBALANCE_IN_PROGRESS: 'the consumer group to finish rebalancing',
  CONCURRENT_TRANSACTIONS: 'the previous transaction to complete',
};

const CONNECTION_REFUSED: WaitCondition = { condition: 'CONNECTION_REFUSED', waitingFor: 'the broker to accept connections' };

interface KafkaJsErrorCode { type: string; message: string }

/** Error message → condition, from the installed KafkaJS's own table (messages are what it logs). */
function loadWaitsByMessage(): Map<string, WaitCondition> {
  const byMessage = new Map<string, WaitCondition>();
  const { errorCodes } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as { errorCodes: KafkaJsErrorCode[] };
  for (const { type, message } of errorCodes) {
    const waitingFor = WAITS[type];
    if (waitingFor) byMessage.set(message, { condition: type, waitingFor });
  }
  return byMessage;
}

let waitsByMessage: Map<string, WaitCondition> | undefined;

/**
 * The wait a KafkaJS log entry reports, or undefined for anything else (which keeps its level).
 * `error` is the entry's error field (an error response's message), `message` its text.
 */
export function classifyKafkaJsLog(message: string, error: unknown): WaitCondition | undefined {
  waitsByMessage ??= loadWaitsByMessage();
  if (typeof error === 'string') {
    const wait = waitsByMessage.get(error);
    if (wait) return wait;
  }
  // "Connection error: connect ECONNREFUSED 127.0.0.1:9092", and the pool's "Failed to connect to
  // seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED ...".
  if (message.includes('ECONNREFUSED') || (typeof error === 'string' && error.includes('ECONNREFUSED'))) return CONNECTION_REFUSED;
  return undefined;
}

export const WAIT_CONDITIONS: readonly string[] = [...Object.keys(WAITS), CONNECTION_REFUSED.condition];
