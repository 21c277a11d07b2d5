import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock.ts';

export interface MerchantRedirectQr {
  msn: string;
  id: string;
  redirectUrl: string;
  ttlSeconds?: number;
  createdAtMs: number;
  /** Identifies the printed image; a deleted and re-created id gets a new one (docs/vipps-contract.md §18). */
  token: string;
}

/** Merchant-redirect QR codes, keyed by (MSN, id). */
export class QrStore {
  private readonly codes = new Map<string, MerchantRedirectQr>();
  private readonly byTokenMap = new Map<string, MerchantRedirectQr>();

  constructor(private readonly clock: SimClock) {}

  /** Seconds left; -1 when the code never expires (docs/vipps-contract.md §18). */
  expiresIn(code: MerchantRedirectQr): number {
    if (code.ttlSeconds === undefined) return -1;
    const left = code.createdAtMs + code.ttlSeconds * 1000 - this.clock.now().getTime();
    return Math.max(0, Math.ceil(left / 1000));
  }

  create(msn: string, id: string, redirectUrl: string, ttlSeconds: number | undefined): MerchantRedirectQr | 'exists' {
    if (this.get(msn, id)) return 'exists';
    const code: MerchantRedirectQr = {
      msn,
      id,
      redirectUrl,
      ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
      createdAtMs: this.clock.now().getTime(),
      token: randomBytes(18).toString('base64url'),
    };
    this.codes.set(`${msn}/${id}`, code);
    this.byTokenMap.set(code.token, code);
    return code;
  }

  get(msn: string, id: string): MerchantRedirectQr | undefined {
    const code = this.codes.get(`${msn}/${id}`);
    return code && this.alive(code) ? code : undefined;
  }

  list(msn: string): MerchantRedirectQr[] {
    return [...this.codes.values()].filter((code) => code.msn === msn && this.alive(code));
  }

  update(msn: string, id: string, redirectUrl: string): MerchantRedirectQr | undefined {
    const code = this.get(msn, id);
    if (code) code.redirectUrl = redirectUrl;
    return code;
  }

  delete(msn: string, id: string): boolean {
    const code = this.get(msn, id);
    if (!code) return false;
    this.codes.delete(`${msn}/${id}`);
    this.byTokenMap.delete(code.token);
    return true;
  }

  byToken(token: string): MerchantRedirectQr | undefined {
    const code = this.byTokenMap.get(token);
    return code && this.alive(code) ? code : undefined;
  }

  private alive(code: MerchantRedirectQr): boolean {
    return code.ttlSeconds === undefined || this.expiresIn(code) > 0;
  }
}
