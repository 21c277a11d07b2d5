import type { PartnerOrigin, PartnerState } from '../../../../usecases/ocpi/ocpi-partner.ts';

// The console's words for data sharing with OCPI partners (docs/ocpi.md).
// Part of Messages, kept apart for size.
export interface SharingMessages {
  title: string;
  intro: string;
  none: string;
  headName: string;
  headRole: string;
  headOrigin: string;
  headState: string;
  headVersion: string;
  headLastPush: string;
  headFailures: string;
  headQueue: string;
  headDelay: string;
  origins: Record<PartnerOrigin, string>;
  states: Record<PartnerState, string>;
  never: string;
  notPushing: string; // no push endpoint: nothing to queue or be late
  seconds: (n: number) => string; // the last push's delay, from its change to the partner's answer
  waiting: (n: number) => string; // seconds the oldest push in the queue has waited
  lastError: (text: string) => string;
  connectTitle: string;
  versionsUrl: string;
  connectHow: string; // the commands, after the versions URL
  noParty: string; // OCPI_PARTY_ID unset
  tokenATitle: string;
  tokenAName: string;
  tokenANameHint: string;
  makeTokenA: string;
  tokenAShown: (name: string) => string;
  unregister: string;
  unregistered: (name: string, told: string) => string;
  told: { yes: string; no_endpoint: string; failed: (problem: string) => string };
  noPartner: string;
  unregisteredAlready: string;
}
