// The consumer group that holds a replay's progress. Derived from what is replayed where, so
// rerunning the same command resumes it, while a replay with other filters (say another reason
// after another fix) starts from the beginning instead of behind the first one's commits.
import { createHash } from 'node:crypto';
import type { ReplayFilter } from './decideReplay.js';

export function replayGroupId(from: string, to: string, filter: ReplayFilter): string {
  const identity = JSON.stringify({
    from, to, reasons: [...filter.reasons].sort(), since: filter.since ?? null, until: filter.until ?? null, key: filter.key ?? null,
  });
  return `callback-enricher-replay.${from}.${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
}
