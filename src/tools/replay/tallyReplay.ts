// The replay summary: counts by dlq.reason, and every record refused for its replay count.
import type { ReplayDecision } from './decideReplay.js';

export interface OverLimitRecord {
  partition: number;
  offset: string;
  key: string | null;
  reason: string;
  replays: number;
}

export interface ReplayTally {
  read: number;
  filtered: number;
  /** reason → replayed (or, in a dry run, would be replayed) and refused over the limit. */
  byReason: Record<string, { replayed: number; overLimit: number }>;
  overLimit: OverLimitRecord[];
}

export function createReplayTally(): ReplayTally {
  return { read: 0, filtered: 0, byReason: {}, overLimit: [] };
}

export function tallyReplay(tally: ReplayTally, decision: ReplayDecision, record: Omit<OverLimitRecord, 'reason' | 'replays'>): void {
  tally.read += 1;
  if (decision.action === 'filtered') {
    tally.filtered += 1;
    return;
  }
  const counts = (tally.byReason[decision.reason] ??= { replayed: 0, overLimit: 0 });
  if (decision.action === 'replay') counts.replayed += 1;
  else {
    counts.overLimit += 1;
    tally.overLimit.push({ ...record, reason: decision.reason, replays: decision.replays });
  }
}

export function totalReplayed(tally: ReplayTally): number {
  return Object.values(tally.byReason).reduce((sum, counts) => sum + counts.replayed, 0);
}
