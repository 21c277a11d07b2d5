import { checkReceipt } from './receipt-validation.ts';
import { guardedRoute } from './guarded-route.ts';
import { Issues } from './field-checks.ts';
import { inspectImage } from './image-check.ts';
import { isPlainObject, readJsonBody } from './request-body.ts';
import { jsonAnswer } from './sim-answer.ts';
import { isAbsoluteUri } from './url-rules.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorFactory } from './api-style.ts';
import type { GuardContext } from './guarded-route.ts';
import type { SimMerchant } from './merchants.ts';
import type { OmPaymentType, OrderManagementStore } from './order-management-store.ts';
import type { SimAnswer } from './sim-answer.ts';

const AUTH = { msnRequired: true, systemHeaderMax: 100 };
const ORDER_ID = /^[0-9A-Za-z\-_.]+$/;
const CATEGORIES = ['GENERAL', 'RECEIPT', 'ORDER_CONFIRMATION', 'DELIVERY', 'TICKET', 'BOOKING'] as const;
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

type OrderParams = { paymentType: string; orderId: string };

function invalid(error: ErrorFactory, issues: Issues): SimAnswer {
  return error(400, 'One or more validation errors occurred.', 'BadRequest', issues.list);
}

/** `paymentType` is ECOM or RECURRING in any casing (docs/vipps-contract.md §19: the spec says ECOM, the guide ecom). */
function orderKey(request: FastifyRequest, issues: Issues): { type: OmPaymentType; orderId: string } | null {
  const { paymentType, orderId } = request.params as OrderParams;
  const type = paymentType.toUpperCase();
  if (type !== 'ECOM' && type !== 'RECURRING') issues.add('paymentType', 'Must be ECOM or RECURRING.');
  issues.string('orderId', orderId, { pattern: ORDER_ID });
  return issues.empty ? { type: type as OmPaymentType, orderId } : null;
}

function jsonObject(request: FastifyRequest, issues: Issues): Record<string, unknown> | null {
  const body = readJsonBody(request.body, request.headers['content-type']);
  if (body.kind === 'json' && isPlainObject(body.value)) return body.value;
  issues.add('body', body.kind === 'invalid' ? body.reason : 'A JSON object is required.');
  return null;
}

function addReceipt(request: FastifyRequest, merchant: SimMerchant, error: ErrorFactory, store: OrderManagementStore): SimAnswer {
  const issues = new Issues();
  const key = orderKey(request, issues);
  const body = jsonObject(request, issues);
  if (body) checkReceipt(issues, '', body);
  if (!key || !issues.empty) return invalid(error, issues);
  const id = store.addReceipt(merchant.msn, key.type, key.orderId, body);
  if (id === 'exists') return error(409, 'Conflict', `Order ${key.orderId} already has a receipt; receipts cannot be changed.`);
  return jsonAnswer(201, id);
}

function putCategory(request: FastifyRequest, merchant: SimMerchant, error: ErrorFactory, store: OrderManagementStore): SimAnswer {
  const issues = new Issues();
  const key = orderKey(request, issues);
  const body = jsonObject(request, issues);
  if (body) {
    issues.oneOf('category', body['category'], CATEGORIES);
    if (issues.string('orderDetailsUrl', body['orderDetailsUrl'], { min: 1 }) && !isAbsoluteUri(body['orderDetailsUrl'] as string)) {
      issues.add('orderDetailsUrl', 'Must be an absolute URI.');
    }
    if (body['imageId'] !== undefined) issues.string('imageId', body['imageId'], { min: 1, max: 128, pattern: ORDER_ID, nullable: true });
  }
  if (!key || !body || !issues.empty) return invalid(error, issues);
  const imageId = body['imageId'] as string | null | undefined;
  if (typeof imageId === 'string' && !store.hasImage(merchant.msn, imageId)) return error(404, 'Not Found', `No image with id ${imageId}.`);
  const category = { category: body['category'] as string, orderDetailsUrl: body['orderDetailsUrl'] as string, ...(imageId !== undefined ? { imageId } : {}) };
  return jsonAnswer(200, store.putCategory(merchant.msn, key.type, key.orderId, category));
}

function addImage(request: FastifyRequest, merchant: SimMerchant, error: ErrorFactory, store: OrderManagementStore): SimAnswer {
  const issues = new Issues();
  const body = jsonObject(request, issues);
  if (!body) return invalid(error, issues);
  issues.string('imageId', body['imageId'], { min: 1, max: 128, pattern: ORDER_ID });
  issues.oneOf('type', body['type'], ['base64'] as const);
  if (issues.string('src', body['src'], { min: 1, pattern: /^[A-Za-z0-9+/]+={0,2}$/ })) {
    const data = Buffer.from(body['src'] as string, 'base64');
    const info = inspectImage(data);
    if (!info) issues.add('src', 'Must be a base64-encoded PNG or JPEG image.');
    else if (data.length > MAX_IMAGE_BYTES) issues.add('src', 'The image must be at most 2 MB.');
    else if (info.height !== null && info.height < 167) issues.add('src', 'The image must be at least 167 pixels high.');
    if (issues.empty && info) {
      const imageId = body['imageId'] as string;
      if (!store.addImage(merchant.msn, { imageId, data, type: info.type })) return error(409, 'Conflict', `Image ${imageId} already exists; images cannot be overwritten.`);
      return jsonAnswer(200, { imageId });
    }
  }
  return invalid(error, issues);
}

/** Order Management API: receipts v2, categories v2, images v1 (docs/vipps-contract.md §19). */
export function registerOrderManagementRoutes(app: FastifyInstance, ctx: GuardContext, store: OrderManagementStore): void {
  const route = (handler: (request: FastifyRequest, merchant: SimMerchant, error: ErrorFactory) => SimAnswer) => guardedRoute(ctx, 'orderManagement', AUTH, handler);
  app.post('/order-management/v2/:paymentType/receipts/:orderId', route((request, merchant, error) => addReceipt(request, merchant, error, store)));
  app.put('/order-management/v2/:paymentType/categories/:orderId', route((request, merchant, error) => putCategory(request, merchant, error, store)));
  app.get(
    '/order-management/v2/:paymentType/:orderId',
    route((request, merchant, error) => {
      const issues = new Issues();
      const key = orderKey(request, issues);
      if (!key) return invalid(error, issues);
      const order = store.order(merchant.msn, key.type, key.orderId);
      return order ? jsonAnswer(200, order) : error(404, 'Not Found', `Nothing is stored for order ${key.orderId}.`);
    }),
  );
  app.post('/order-management/v1/images', route((request, merchant, error) => addImage(request, merchant, error, store)));
}
