// The ONE place where the contract tests depart from the vendored OpenAPI files: additions of the live
// API after the files were frozen (docs/vipps-contract.md §4, §1) and plain mistakes in the files.
// Each entry says why.

type Json = Record<string, unknown>;

function schemas(doc: Json): Record<string, Json> {
  const components = doc['components'] as Json;
  return components['schemas'] as Record<string, Json>;
}

function properties(schema: Json | undefined): Json {
  if (!schema) throw new Error('overlay target schema missing');
  return schema['properties'] as Json;
}

export function applyOverlay(api: 'epayment' | 'webhooks' | 'qr' | 'orderManagement', doc: Json): void {
  if (api !== 'epayment') return;
  const s = schemas(doc);
  // v1.7.0 (Jan 2025): references may be 64 characters (spec 1.4.1 says 50).
  Object.assign(s['Reference'] ?? {}, { pattern: '^[a-zA-Z0-9-]{8,64}$', maxLength: 64 });
  // docs/vipps-contract.md §1: MSNs are 4 to 7 digits in current docs and SDK config (spec says 4 to 6).
  Object.assign(s['MSN'] ?? {}, { pattern: '^[0-9]{4,7}$', maxLength: 7 });
  // Spec mistake: PaymentEvent requires `paymentAction`, a property it does not define; the field is `name`.
  const event = s['PaymentEvent'] ?? {};
  event['required'] = (event['required'] as string[]).map((name) => (name === 'paymentAction' ? 'name' : name));
  // The live specs (as in Vipps' generated SDK types, Nov 2024): problem bodies carry `instance` and
  // `extraDetails` [{name, reason}].
  Object.assign(properties(s['Problem']), {
    instance: { type: 'string' },
    extraDetails: {
      type: 'array',
      items: { type: 'object', required: ['name', 'reason'], properties: { name: { type: 'string' }, reason: { type: 'string' } } },
    },
  });
  // Aug 2026: captureGuaranteedUntil in GET and in the AUTHORIZED webhook.
  properties(s['GetPaymentResponse'])['captureGuaranteedUntil'] = { type: 'string', format: 'date-time' };
  properties(s['WebhookEvent'])['captureGuaranteedUntil'] = { type: 'string', format: 'date-time' };
}
