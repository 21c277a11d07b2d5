// One record per refund request, written before Vipps is called. The key is
// the caller's (a form's nonce, an API client's Idempotency-Key), unique per
// session: the same request twice, or three times at once, is one refund.

export type RefundRequestState = 'pending' | 'done' | 'failed';

export interface RefundRequest {
  sessionId: string;
  key: string;
  amountOre: number;
  reason: string;
  actor: string;
  state: RefundRequestState;
  refundedOre?: number; // Vipps' total refunded after this one
  failure?: string;
  createdAt: string;
  updatedAt: string;
}

export interface RefundRequests {
  // Records a new request as pending; when one with this key exists, returns it instead.
  claim(r: Omit<RefundRequest, 'state' | 'updatedAt' | 'refundedOre' | 'failure'>): Promise<{ created: true } | { created: false; existing: RefundRequest }>;
  find(sessionId: string, key: string): Promise<RefundRequest | undefined>;
  // Takes over a request to send it (again): a failed one, or a pending one
  // untouched since before `staleBefore` (its caller died). False when another caller has it.
  retake(sessionId: string, key: string, at: string, staleBefore: string): Promise<boolean>;
  finish(sessionId: string, key: string, outcome: { state: 'done'; refundedOre: number } | { state: 'failed'; failure: string }, at: string): Promise<void>;
  // What other requests still pending may yet refund.
  pendingOre(sessionId: string, exceptKey: string): Promise<number>;
}
