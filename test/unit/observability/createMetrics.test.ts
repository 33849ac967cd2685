import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/observability/createMetrics.js';

async function sample(metrics: ReturnType<typeof createMetrics>, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = await metrics.registry.getSingleMetric(`callback_enricher_${name}`)?.get();
  const match = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l) && (Object.keys(labels).length > 0 || Object.keys(v.labels).length === 0));
  return match?.value;
}

describe('createMetrics', () => {
  it('counts on its own registry, not the global one, so two instances do not share', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.recordsIn(5);
    expect(await sample(a, 'records_in_total')).toBe(5);
    expect(await sample(b, 'records_in_total')).toBe(0);
  });

  it('labels each counter as documented', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.recordsOut(4);
    m.recordsRouted('callbacks.spam', 2);
    m.recordsDeadLettered('DECODE_ERROR', 3);
    m.enumFallback('voicemail.uploadStatus');
    m.coreBug();
    m.consumerLag('callbacks.raw', 1, 42);
    m.campaignTableSize(17);
    m.observeProcessingSeconds(0.02);
    expect(await sample(m, 'records_out_total')).toBe(4);
    expect(await sample(m, 'records_routed_total', { topic: 'callbacks.spam' })).toBe(2);
    expect(await sample(m, 'records_dead_lettered_total', { reason: 'decode_error' })).toBe(3);
    expect(await sample(m, 'enum_fallbacks_total', { field: 'voicemail.uploadStatus' })).toBe(1);
    expect(await sample(m, 'core_bug_total')).toBe(1);
    expect(await sample(m, 'consumer_lag', { topic: 'callbacks.raw', partition: '1' })).toBe(42);
    expect(await sample(m, 'campaign_table_size')).toBe(17);
    expect(await m.metricsText()).toContain('callback_enricher_processing_seconds_count 1');
  });

  it('exposes a zero series for every DLQ reason and enum field before anything happens', async () => {
    const text = await createMetrics({ defaultMetrics: false }).metricsText();
    for (const reason of ['magic_byte', 'unknown_schema', 'decode_error', 'mapping_error', 'encode_error']) {
      expect(text).toContain(`callback_enricher_records_dead_lettered_total{reason="${reason}"} 0`);
    }
    expect(text).toContain('callback_enricher_enum_fallbacks_total{field="state"} 0');
  });
});
