import type { Transport } from './http-transport.ts';
import { failureFromAnswer } from './failure-from-answer.ts';
import { isRecord, parseJson, stringAt } from './json-fields.ts';
import type { OrderCategory, Receipt } from './receipt.ts';
import { readReceipt } from './read-receipt.ts';
import { fail, ok, type VippsResult } from './vipps-result.ts';

export interface OrderCategoryLink {
  category: OrderCategory | string;
  orderDetailsUrl: string;
  imageId?: string;
}

export interface OrderDetails {
  category?: OrderCategoryLink;
  receipt?: Receipt;
}

export interface OrderManagementApi {
  // Once only and immutable (docs/vipps-contract.md §19): a second POST answers
  // 409, which is what a retry after a lost answer looks like, so it counts as
  // done.
  addReceipt(reference: string, receipt: Receipt): Promise<VippsResult<'created' | 'already_exists'>>;
  putCategory(reference: string, category: OrderCategory, orderDetailsUrl: string, imageId?: string): Promise<VippsResult<void>>;
  getOrder(reference: string): Promise<VippsResult<OrderDetails>>;
}

// `ecom` is the paymentType for ePayment (docs/vipps-contract.md §19); the orderId is the ePayment reference.
const BASE = '/order-management/v2/ecom';

function readCategory(value: unknown): OrderCategoryLink | undefined {
  if (!isRecord(value)) return undefined;
  const category = stringAt(value, 'category') ?? stringAt(value, 'type');
  const orderDetailsUrl = stringAt(value, 'orderDetailsUrl') ?? stringAt(value, 'url');
  if (category === undefined || orderDetailsUrl === undefined) return undefined;
  const imageId = stringAt(value, 'imageId');
  return imageId !== undefined ? { category, orderDetailsUrl, imageId } : { category, orderDetailsUrl };
}

export function createOrderManagementApi(call: Transport): OrderManagementApi {
  return {
    async addReceipt(reference, receipt) {
      const answer = await call({
        operation: 'orders.add-receipt',
        method: 'POST',
        target: `${BASE}/receipts/${encodeURIComponent(reference)}`,
        body: JSON.stringify(receipt),
        reference,
      });
      if (!answer.ok) return answer;
      const { status } = answer.value;
      if (status === 201 || status === 200) return ok('created');
      if (status === 409) return ok('already_exists');
      return fail(failureFromAnswer(answer.value));
    },

    async putCategory(reference, category, orderDetailsUrl, imageId) {
      const answer = await call({
        operation: 'orders.put-category',
        method: 'PUT',
        target: `${BASE}/categories/${encodeURIComponent(reference)}`,
        body: JSON.stringify({ category, orderDetailsUrl, ...(imageId !== undefined ? { imageId } : {}) }),
        reference,
      });
      if (!answer.ok) return answer;
      if (answer.value.status !== 200 && answer.value.status !== 201 && answer.value.status !== 204) {
        return fail(failureFromAnswer(answer.value));
      }
      return ok(undefined);
    },

    async getOrder(reference) {
      const answer = await call({
        operation: 'orders.get',
        method: 'GET',
        target: `${BASE}/${encodeURIComponent(reference)}`,
        reference,
      });
      if (!answer.ok) return answer;
      if (answer.value.status !== 200) return fail(failureFromAnswer(answer.value));
      const json = parseJson(answer.value.body);
      if (!isRecord(json)) return fail({ kind: 'unexpected', status: 200 });
      const details: OrderDetails = {};
      const category = readCategory(json['category']);
      const receipt = readReceipt(json['receipt']);
      if (category) details.category = category;
      if (receipt) details.receipt = receipt;
      return ok(details);
    },
  };
}
