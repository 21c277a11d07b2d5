// Where the payment provider's own reference for a payment is kept once a
// GET has shown it (Vipps ePayment: `pspReference`), for the bookkeeping CSV
// and for matching Ladepay's books with the provider's settlement report.
export interface PspReferences {
  record(reference: string, pspReference: string): Promise<void>;
}
