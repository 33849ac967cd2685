// The three time spans of CONTRACT §3, in milliseconds. Each is null when an input is missing,
// and null rather than a wrong number when the inputs contradict each other. Results also have
// to survive the Avro `long` that carries them. avsc writes integers up to ±(2^53 − 2) but reads
// a negative one below −2^52 back wrong (its zigzag form exceeds 2^53 and loses precision), so
// spans are kept within ±2^52 (±142,000 years). Only an absurd eventTime gets there: the model's
// own date-times lie within years 0–9999.
import type { ConversationNotificationCallback, EpochMillis } from '../model/types.js';

export interface Durations {
  connectedDurationMs: number | null;
  holdDurationMs: number | null;
  scheduledInMs: number | null;
}

/** The largest magnitude avsc writes and reads back unchanged for both signs: 2^52. */
const AVRO_MAX_LONG = 4_503_599_627_370_496;

function spanOrNull(ms: number): number | null {
  return Number.isInteger(ms) && Math.abs(ms) <= AVRO_MAX_LONG ? ms : null;
}

/** disconnectedTime − connectedTime; a disconnect before the connect is a contradiction → null. */
export function deriveConnectedDurationMs(callback: ConversationNotificationCallback): number | null {
  const { connectedTime, disconnectedTime } = callback;
  if (connectedTime === undefined || disconnectedTime === undefined) return null;
  const ms = disconnectedTime - connectedTime;
  return ms >= 0 ? spanOrNull(ms) : null;
}

/**
 * How long the call has been on hold at eventTime. A hold that starts after the event (clock
 * skew between Genesys and Kafka) is not clamped to 0: 0 would claim "just put on hold", which
 * nothing says, so the span is unknown → null. Not on hold (held absent or false) → null.
 */
export function deriveHoldDurationMs(callback: ConversationNotificationCallback, eventTime: EpochMillis): number | null {
  if (callback.held !== true || callback.startHoldTime === undefined) return null;
  const ms = eventTime - callback.startHoldTime;
  return ms >= 0 ? spanOrNull(ms) : null;
}

/** callbackScheduledTime − eventTime; negative means the callback is overdue, and is kept. */
export function deriveScheduledInMs(callback: ConversationNotificationCallback, eventTime: EpochMillis): number | null {
  if (callback.callbackScheduledTime === undefined) return null;
  return spanOrNull(callback.callbackScheduledTime - eventTime);
}

export function deriveDurations(callback: ConversationNotificationCallback, eventTime: EpochMillis): Durations {
  return {
    connectedDurationMs: deriveConnectedDurationMs(callback),
    holdDurationMs: deriveHoldDurationMs(callback, eventTime),
    scheduledInMs: deriveScheduledInMs(callback, eventTime),
  };
}
