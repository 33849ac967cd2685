import { describe, expect, it } from 'vitest';
import { pipelineThreadCount } from '../../../src/worker/pipelineThreadCount.js';

describe('pipelineThreadCount', () => {
  it('runs PIPELINE_THREADS threads under at_least_once, none for 0', () => {
    expect(pipelineThreadCount({ pipelineThreads: 2, processingGuarantee: 'at_least_once' })).toEqual({ threads: 2 });
    expect(pipelineThreadCount({ pipelineThreads: 0, processingGuarantee: 'at_least_once' })).toEqual({ threads: 0 });
  });

  it('runs none under exactly_once, and says why when threads were asked for', () => {
    const { threads, ignored } = pipelineThreadCount({ pipelineThreads: 2, processingGuarantee: 'exactly_once' });
    expect(threads).toBe(0);
    expect(ignored).toMatch(/ignored under exactly_once/);
    expect(pipelineThreadCount({ pipelineThreads: 0, processingGuarantee: 'exactly_once' })).toEqual({ threads: 0 });
  });
});
