import type { PushItem } from './push-queue.ts';

// What a push decides: the partner's copy of the object once the pushes are
// through (undefined: the partner has none), and the pushes.
export interface PushChange {
  sent: unknown;
  pushes: PushItem[];
}

// What Ladepay has queued for each partner and object so far (migration
// 0019's ocpi_push_state, JSON), and the outbox the pushes wait in.
export interface PushBook {
  // The objects of a partner whose name begins with the prefix, with what was last queued for each.
  sent(partnerId: string, prefix: string): Promise<Array<{ object: string; sent: unknown }>>;
  // With the partner's object held (no other change of it meanwhile, on any
  // node): `decide` reads what was queued for it last, and what it answers is
  // kept and its pushes queued, in one transaction. Undefined: nothing to do.
  change(partnerId: string, object: string, decide: (sent: unknown) => PushChange | undefined, now: Date): Promise<void>;
  // Forgets every copy the partner was sent: the next plan sends it everything anew.
  forget(partnerId: string): Promise<void>;
}
