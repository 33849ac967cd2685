// How many pipeline threads a worker runs, from PIPELINE_THREADS and the guarantee. Under
// exactly_once the worker keeps one batch in flight, so a thread cannot overlap with the client's
// work; handing each batch over only added to every transaction: 21 % fewer records/s on the
// throughput suite (BENCHMARKS.md). There the setting is ignored, with a reason to log.
import type { Config } from '../config/config.js';

export function pipelineThreadCount(config: Pick<Config, 'pipelineThreads' | 'processingGuarantee'>): { threads: number; ignored?: string } {
  if (config.pipelineThreads > 0 && config.processingGuarantee === 'exactly_once') {
    return { threads: 0, ignored: 'PIPELINE_THREADS is ignored under exactly_once: one batch is in flight at a time, so a thread would only add a hand-off to each transaction' };
  }
  return { threads: config.pipelineThreads };
}
