import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { chargeUntil } from './settled-session.ts';

// What a monitoring system scrapes and a load balancer probes.

describe('metrics and readiness on a running system', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
    await sys.addStation('OPS-1', 'ocpp1.6', 'OPS111');
  });
  afterAll(async () => sys?.stop());

  it('reports stations, sessions by state, Vipps calls, the outbox and OCPP traffic', async () => {
    const cp = await sys.connect('OPS-1', 'ocpp1.6');
    await chargeUntil(sys, cp, 'OPS111', { minutes: 5, end: 'settled' });
    const res = await fetch(`${sys.ladepay.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('ladepay_ocpp_connected_stations 1');
    expect(text).toContain('ladepay_sessions{state="settled"} 1');
    expect(text).toContain('ladepay_sessions{state="charging"} 0');
    expect(text).toMatch(/ladepay_outbox_items\{state="pending"\} \d+/);
    expect(text).toMatch(/ladepay_vipps_request_duration_seconds_count\{operation="[^"]*capture[^"]*",status="200"\} 1/);
    expect(text).toMatch(/ladepay_ocpp_messages_total\{direction="in",kind="call",action="StartTransaction"\} 1/);
    expect(text).toMatch(/ladepay_ocpp_messages_total\{direction="out",kind="call",action="RemoteStartTransaction"\} 1/);
  });

  it('is ready when the database and Vipps answer', async () => {
    const res = await fetch(`${sys.ladepay.url}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { database: 'ok', vipps: 'ok' } });
  });
});

describe('readiness without Vipps', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    // Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
    sys = await startSystem({ dialect: primaryDialect(), env: { VIPPS_BASE_URL: 'http://127.0.0.1:9' } });
  });
  afterAll(async () => sys?.stop());

  // Vipps out of reach is every node's lot: taking the node out of the
  // balancer would cut the stations off too, which need no Vipps.
  it('says degraded while Vipps cannot be reached, and stays live and ready', async () => {
    const ready = await fetch(`${sys.ladepay.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', checks: { database: 'ok' } });
    expect((await fetch(`${sys.ladepay.url}/health/live`)).status).toBe(200);
    const metrics = await (await fetch(`${sys.ladepay.url}/metrics`)).text();
    expect(metrics).toMatch(/ladepay_vipps_request_failures_total\{operation="[^"]+",status="network"\} [1-9]/);
  });
});
