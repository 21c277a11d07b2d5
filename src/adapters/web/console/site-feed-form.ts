import { FACILITIES, PARKING_RESTRICTIONS, PARKING_TYPES } from '../../../core/feed/feed-vocabulary.ts';
import { dayText, parseDayText, type OpeningHours, type RegularHours } from '../../../core/feed/opening-hours.ts';
import type { SiteData, SiteDataError, SiteDataInput } from '../../../core/feed/site-data.ts';
import type { Weekday } from '../../../core/oslo-clock.ts';
import { html, type SafeHtml } from '../html.ts';
import { formField } from './console-route-deps.ts';
import { field, type FieldErrors } from './form-errors.ts';
import type { Messages } from './i18n/messages.ts';

// A site's feed data in the console's site form (docs/feed-data.md): plain
// fields, one text field per weekday for the opening hours, checkboxes for
// the lists. What the operator typed is shown again as typed when refused.

export interface SiteFeedValues {
  city: string;
  postalCode: string;
  country: string;
  latitude: string;
  longitude: string;
  timeZone: string;
  open247: boolean;
  days: string[]; // Monday … Sunday
  parkingType: string;
  restrictions: string[];
  facilities: string[];
  ownerName: string;
}

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

export function valuesOfSite(s: SiteData): SiteFeedValues {
  return {
    city: s.city ?? '',
    postalCode: s.postalCode ?? '',
    country: s.country,
    latitude: s.coordinates?.latitude ?? '',
    longitude: s.coordinates?.longitude ?? '',
    timeZone: s.timeZone,
    open247: s.openingHours?.twentyFourSeven === true,
    days: WEEKDAYS.map((d) => dayText(s.openingHours, d)),
    parkingType: s.parkingType ?? '',
    restrictions: [...s.parkingRestrictions],
    facilities: [...s.facilities],
    ownerName: s.ownerName ?? '',
  };
}

export function valuesOfForm(body: unknown): SiteFeedValues {
  const f = (name: string) => formField(body, name);
  return {
    city: f('city'),
    postalCode: f('postalCode'),
    country: f('country'),
    latitude: f('latitude').replace(',', '.'),
    longitude: f('longitude').replace(',', '.'),
    timeZone: f('timeZone'),
    open247: f('open247') === 'on',
    days: WEEKDAYS.map((d) => f(`hours-${d}`)),
    parkingType: f('parkingType'),
    restrictions: PARKING_RESTRICTIONS.filter((r) => f(`r-${r}`) === 'on'),
    facilities: FACILITIES.filter((x) => f(`f-${x}`) === 'on'),
    ownerName: f('ownerName'),
  };
}

// The form's values as the core takes them; a weekday's text that is not
// periods is refused here, naming that day's field.
export function inputOf(v: SiteFeedValues, t: Messages): { ok: true; input: SiteDataInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const periods: RegularHours[] = [];
  for (const day of WEEKDAYS) {
    const read = parseDayText(day, v.days[day - 1] ?? '');
    if (read) periods.push(...read);
    else errors[`hours-${day}`] = t.feeds.badDayText;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const openingHours: OpeningHours | null = v.open247 ? { twentyFourSeven: true } : periods.length > 0 ? { twentyFourSeven: false, regularHours: periods } : null;
  return {
    ok: true,
    input: {
      city: v.city,
      postalCode: v.postalCode,
      country: v.country,
      coordinates: { latitude: v.latitude, longitude: v.longitude },
      timeZone: v.timeZone,
      openingHours,
      parkingType: v.parkingType,
      parkingRestrictions: v.restrictions,
      facilities: v.facilities,
      ownerName: v.ownerName,
    },
  };
}

// The core's refusal on the form's fields.
export function formErrorsOf(errors: readonly SiteDataError[], t: Messages): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const name = e.field === 'coordinates.latitude' ? 'latitude' : e.field === 'coordinates.longitude' ? 'longitude' : e.field === 'openingHours' && e.hours?.weekday ? `hours-${e.hours.weekday}` : e.field;
    out[name] ??= t.feeds.siteError(e);
  }
  return out;
}

function checkboxes(legend: string, prefix: string, words: readonly string[], names: Record<string, string>, checked: readonly string[], error: string | undefined): SafeHtml {
  return html`<fieldset><legend>${legend}</legend>${words.map(
    (w) => html`<label class="check"><input type="checkbox" name="${prefix}-${w}"${checked.includes(w) ? html` checked` : ''}> ${names[w]}</label>`,
  )}${error && html`<span class="field-error">${error}</span>`}</fieldset>`;
}

export function siteFeedFields(v: SiteFeedValues, errors: FieldErrors, t: Messages): SafeHtml {
  const m = t.feeds;
  const option = (value: string, label: string) => html`<option value="${value}"${v.parkingType === value ? html` selected` : ''}>${label}</option>`;
  return html`${field({ name: 'city', label: m.city, value: v.city, errors })}
${field({ name: 'postalCode', label: m.postalCode, value: v.postalCode, errors, attrs: html` inputmode="numeric"` })}
${field({ name: 'country', label: m.country, value: v.country, errors, hint: m.countryHint })}
${field({ name: 'latitude', label: m.latitude, value: v.latitude, errors, hint: m.coordinatesHint, attrs: html` inputmode="decimal"` })}
${field({ name: 'longitude', label: m.longitude, value: v.longitude, errors, attrs: html` inputmode="decimal"` })}
${field({ name: 'timeZone', label: m.timeZone, value: v.timeZone, errors, hint: m.timeZoneHint })}
<fieldset><legend>${m.openingHours}</legend>
<label class="check"><input type="checkbox" name="open247"${v.open247 ? html` checked` : ''}> ${m.twentyFourSeven}</label>
<p class="hint">${m.hoursHint}</p>
${WEEKDAYS.map((d) => field({ name: `hours-${d}`, label: m.weekdays[d - 1] ?? '', value: v.days[d - 1] ?? '', errors }))}
${errors.openingHours && html`<span class="field-error">${errors.openingHours}</span>`}</fieldset>
<label>${m.parkingType} <select name="parkingType">${option('', m.notKnown)}${PARKING_TYPES.map((p) => option(p, m.parkingTypes[p]))}</select>${errors.parkingType && html`<span class="field-error">${errors.parkingType}</span>`}</label>
${checkboxes(m.parkingRestrictions, 'r', PARKING_RESTRICTIONS, m.restrictions, v.restrictions, errors.parkingRestrictions)}
${checkboxes(m.facilities, 'f', FACILITIES, m.facilityNames, v.facilities, errors.facilities)}
${field({ name: 'ownerName', label: m.ownerName, value: v.ownerName, errors, hint: m.ownerHint })}`;
}
