// A receipt is a sales document (bokføringsforskriften § 5-1-1 nr. 1: number
// and date): a session settled with something charged gets a number from one
// unbroken series per operator, the first time its receipt is needed.
export interface IssuedReceipt {
  number: number;
  issuedAt: string; // ISO 8601 UTC: the date of the receipt
}

export interface ReceiptNumbers {
  // Idempotent: the session's number once given, for ever; a new number only
  // for a session that has none, never one already given to another session.
  issue(sessionId: string, at: Date): Promise<IssuedReceipt>;
}
