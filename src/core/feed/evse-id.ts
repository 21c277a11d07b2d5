// A connector's public EVSE id in the eMI3 form OCPI 2.2.1 EVSE.evse_id takes
// ("BE*BEC*E041503003"): the operator's country code and party id, then "E"
// and the connector's public code, which is unique, printed on its sticker and
// never changes. Made once, the first time it is needed, and kept: a feed's
// readers know the EVSE by it, so it never changes afterwards, even if the
// party id does (docs/feed-data.md).

// OCPI 2.2.1 / eMI3: <country>*<operator>*E<outlet id>, at most 48 characters.
export const EVSE_ID = /^[A-Z]{2}\*[A-Z0-9]{3}\*E[A-Z0-9*]{1,30}$/;

export function evseIdPrefix(countryCode: string, partyId: string): string {
  return `${countryCode}*${partyId}*E`;
}

export function evseIdOf(countryCode: string, partyId: string, connectorCode: string): string {
  return `${evseIdPrefix(countryCode, partyId)}${connectorCode}`;
}
