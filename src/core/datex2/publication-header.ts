import type { PublishedOperator } from '../feed/published-site.ts';
import { datexTime, enumValue, LANG, type JsonObject } from './datex2-json.ts';
import { operatorId } from './datex2-ids.ts';

// What both publications start with (AFIR profile 01-00-00): the profile's
// name and version as its examples write them (the schema's defaults carry a
// stray "G"), the language, the time, who publishes, and whether the data is
// real.

export interface Datex2Options {
  // 'test' for a demo or a trial: the profile's examples say 'test', production data 'real'.
  informationStatus: 'real' | 'test';
  // Who publishes, for the national access point (`publicationCreator.nationalIdentifier`);
  // Mobilithek's form is "DE-NAP-<name>", no other country has one. Default: the operator id ("NO*LDP").
  nationalIdentifier?: string;
  // Vipps' card payment (ePayment CARD) offered on the landing pages.
  cardPayments: boolean;
}

export const PAYLOAD_HEAD: JsonObject = Object.freeze({ modelBaseVersionG: '3', profileNameG: 'AFIR Energy Infrastructure', profileVersionG: '01-00-00' });

export function publicationHead(operator: PublishedOperator, at: string, o: Datex2Options): JsonObject {
  return {
    lang: LANG,
    publicationTime: datexTime(at),
    publicationCreator: { country: operator.countryCode, nationalIdentifier: o.nationalIdentifier ?? operatorId(operator) },
    headerInformation: { confidentiality: enumValue('noRestriction'), informationStatus: enumValue(o.informationStatus) },
  };
}
