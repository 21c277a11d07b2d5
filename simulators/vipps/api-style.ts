import { legacyErrorAnswer, problemAnswer, tokenServiceError } from './problem.ts';
import type { ExtraDetail } from './problem.ts';
import type { SimAnswer } from './sim-answer.ts';

/** The API groups of the simulator; faults are set per group. */
export type ApiGroup = 'accessToken' | 'epayment' | 'webhooks' | 'qr' | 'orderManagement' | 'userinfo';

export const API_GROUPS: readonly ApiGroup[] = ['accessToken', 'epayment', 'webhooks', 'qr', 'orderManagement', 'userinfo'];

export type ErrorFactory = (status: number, title: string, detail: string, issues?: ExtraDetail[]) => SimAnswer;

const PREFIXES: Record<ApiGroup, string> = {
  accessToken: '/accesstoken',
  epayment: '/epayment',
  webhooks: '/webhooks',
  qr: '/qr',
  orderManagement: '/order-management',
  userinfo: '/vipps-userinfo-api',
};

/** `instance` in problem bodies is the path without the API's prefix (docs/vipps-contract.md §2: `/v1/payments/<ref>/capture`). */
export function instanceOf(group: ApiGroup, url: string): string {
  const path = url.split('?')[0] ?? url;
  const prefix = PREFIXES[group];
  return path.toLowerCase().startsWith(prefix) ? path.slice(prefix.length) || '/' : path;
}

/** Each API answers errors in its own shape: RFC 7807 (ePayment, Webhooks, Userinfo), the older one (QR, OM), or the token service's. */
export function errorFactoryFor(group: ApiGroup, url: string, now: Date): ErrorFactory {
  const instance = instanceOf(group, url);
  switch (group) {
    case 'epayment':
    case 'webhooks':
    case 'userinfo':
      return (status, title, detail, issues) => problemAnswer({ status, title, detail, instance, extraDetails: issues ?? [] });
    case 'qr':
    case 'orderManagement':
      return (status, title, detail, issues) => legacyErrorAnswer({ status, title, detail, invalidParams: issues ?? [] });
    case 'accessToken':
      return (status, title, detail) => tokenServiceError(status, title, detail, status >= 500 ? 90033 : 7000215, now);
    default: {
      const unreachable: never = group;
      throw new Error(`unknown API group ${String(unreachable)}`);
    }
  }
}
