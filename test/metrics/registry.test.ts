import { describe, expect, it } from '@jest/globals';
import { createMetrics } from '../../src/metrics/registry.js';

describe('createMetrics', () => {
  it('gives each app its own registry (two apps in one process do not collide)', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.webhooksReceived.inc({ event: 'push', relevant: 'true' });
    expect(await a.registry.getSingleMetricAsString('planbot_webhooks_received_total')).toContain('planbot_webhooks_received_total{event="push",relevant="true"} 1');
    expect(await b.registry.getSingleMetricAsString('planbot_webhooks_received_total')).not.toContain('event="push"');
  });

  it('reads the queue depth from the queue at scrape time', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.queueStats = async () => ({ mode: 'memory', waiting: 4, active: 2, delayed: 1, failed: 3, closing: false });
    const text = await metrics.registry.metrics();
    expect(text).toContain('planbot_queue_depth{state="waiting"} 4');
    expect(text).toContain('planbot_queue_depth{state="active"} 2');
    expect(text).toContain('planbot_queue_depth{state="delayed"} 1');
    expect(text).toContain('planbot_queue_depth{state="failed"} 3');
  });

  it('includes Node process metrics unless told not to', async () => {
    expect(await createMetrics().registry.metrics()).toContain('planbot_process_cpu_seconds_total');
    expect(await createMetrics({ defaultMetrics: false }).registry.metrics()).not.toContain('planbot_process_cpu');
  });
});
