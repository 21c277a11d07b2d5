/** One `GET /epayment/v1/payments/{reference}` the simulator answered 200 (not lost by a fault): when, and the state it gave. */
export interface PaymentRead {
  at: string;
  state: string;
}

/**
 * The GETs of each payment, as the real Vipps would see them in its access logs: a merchant that starts a service on a
 * webhook alone, without asking, is visible here (docs/vipps-contract.md §15: a webhook is a hint, the GET is the truth).
 */
export class ReadLog {
  private readonly reads = new Map<string, PaymentRead[]>();

  record(msn: string, reference: string, read: PaymentRead): void {
    const key = `${msn}/${reference}`;
    const list = this.reads.get(key) ?? [];
    list.push(read);
    this.reads.set(key, list);
  }

  of(msn: string, reference: string): PaymentRead[] {
    return (this.reads.get(`${msn}/${reference}`) ?? []).map((r) => ({ ...r }));
  }
}
