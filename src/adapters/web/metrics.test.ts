import { describe, expect, it } from 'vitest';
import type { OcppLogEntry } from '../ocpp/ocpp-message-log.ts';
import { createLadepayMetrics } from './metrics.ts';

const frame = (action: string | undefined, direction: 'in' | 'out' = 'in'): OcppLogEntry => ({
  stationId: 'CP-1',
  direction,
  kind: 'call',
  ...(action !== undefined ? { action } : {}),
  messageId: '1',
  payload: '{}',
  at: new Date(),
});

describe('Ladepay metrics', () => {
  it('counts OCPP frames by direction, kind and action, and passes every frame on', async () => {
    const metrics = createLadepayMetrics();
    const seen: OcppLogEntry[] = [];
    const log = metrics.countOcppFrames({ record: (e) => seen.push(e) });
    log.record(frame('Heartbeat'));
    log.record(frame('Heartbeat'));
    log.record(frame('RemoteStartTransaction', 'out'));
    log.record(frame('<script>'));
    expect(seen).toHaveLength(4);
    const text = await metrics.registry.metrics();
    expect(text).toContain('ladepay_ocpp_messages_total{direction="in",kind="call",action="Heartbeat"} 2');
    expect(text).toContain('ladepay_ocpp_messages_total{direction="out",kind="call",action="RemoteStartTransaction"} 1');
    expect(text).toContain('ladepay_ocpp_messages_total{direction="in",kind="call",action="other"} 1');
  });

  it('bounds the action labels a station can make', async () => {
    const metrics = createLadepayMetrics();
    const log = metrics.countOcppFrames({ record: () => undefined });
    for (let i = 0; i < 150; i++) log.record(frame(`Made${i}`));
    const text = await metrics.registry.metrics();
    expect(text.match(/^ladepay_ocpp_messages_total\{/gm)?.length).toBe(101);
    expect(text).toContain('action="other"} 50');
  });

  it('observes Vipps calls and counts the failures', async () => {
    const metrics = createLadepayMetrics();
    metrics.vipps.observe({ operation: 'epayment.capture', status: 200, durationMs: 120 });
    metrics.vipps.observe({ operation: 'epayment.capture', status: 503, durationMs: 30 });
    metrics.vipps.observe({ operation: 'epayment.capture', status: 'network', durationMs: 5000 });
    metrics.vipps.observe({ operation: 'epayment.get', status: 404, durationMs: 20 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('ladepay_vipps_request_duration_seconds_count{operation="epayment.capture",status="200"} 1');
    expect(text).toContain('ladepay_vipps_request_failures_total{operation="epayment.capture",status="503"} 1');
    expect(text).toContain('ladepay_vipps_request_failures_total{operation="epayment.capture",status="network"} 1');
    expect(text).not.toContain('ladepay_vipps_request_failures_total{operation="epayment.get"');
  });

  it('reads the gauges from their sources when scraped, keeping the last values when a source fails', async () => {
    const metrics = createLadepayMetrics();
    let fail = false;
    metrics.watch({
      connectedStations: () => 3,
      sessionsByState: async () => {
        if (fail) throw new Error('database down');
        return { charging: 2, settled: 7 };
      },
      outboxDepth: async () => ({ pending: 1, dead: 1 }),
      openAlertsByRule: async () => ({ station_offline: 2 }),
    });
    let text = await metrics.registry.metrics();
    expect(text).toContain('ladepay_ocpp_connected_stations 3');
    expect(text).toContain('ladepay_sessions{state="charging"} 2');
    expect(text).toContain('ladepay_sessions{state="starting"} 0');
    expect(text).toContain('ladepay_outbox_items{state="dead"} 1');
    expect(text).toContain('ladepay_outbox_items{state="running"} 0');
    expect(text).toContain('ladepay_alerts_open{rule="station_offline"} 2');
    expect(text).toContain('ladepay_alerts_open{rule="vipps_errors"} 0');
    fail = true;
    text = await metrics.registry.metrics();
    expect(text).toContain('ladepay_sessions{state="settled"} 7');
  });
});
