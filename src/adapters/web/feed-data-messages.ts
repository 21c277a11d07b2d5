import type { ConnectorDataError } from '../../core/feed/connector-data.ts';
import type { HoursError } from '../../core/feed/opening-hours.ts';
import type { SiteDataError } from '../../core/feed/site-data.ts';

// What the API and the English console say when a site's or a connector's
// feed data is refused (docs/feed-data.md): the same sentence in both.

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function hoursErrorMessage(e: HoursError): string {
  const day = e.weekday ? `${DAYS[e.weekday - 1]}: ` : '';
  switch (e.code) {
    case 'not_hours':
      return 'opening hours are {"twentyFourSeven": true}, or regular hours per weekday.';
    case 'no_periods':
      return 'give at least one period, or open around the clock.';
    case 'too_many_periods':
      return `${day}at most 4 periods a day.`;
    case 'bad_weekday':
      return 'weekdays are 1 (Monday) to 7 (Sunday).';
    case 'bad_time':
      return `${day}times are HH:MM, 00:00 to 23:59.`;
    case 'end_not_after_begin':
      return `${day}a period ends after it begins, on the same day (23:59 at the latest).`;
    case 'overlap':
      return `${day}two periods overlap.`;
  }
}

export function siteDataErrorMessage(e: SiteDataError): string {
  switch (e.code) {
    case 'too_long':
      return `at most ${e.limit} characters.`;
    case 'bad_postal_code':
      return e.country === 'NO' ? 'a Norwegian postal code is 4 digits.' : 'a postal code is 2 to 10 letters, digits, spaces or dashes.';
    case 'bad_country':
      return `"${e.value}" is not an ISO 3166-1 alpha-2 country code (NO, SE …).`;
    case 'bad_coordinate':
      return `a decimal number from -${e.limit} to ${e.limit} with "." and at most 6 decimals, as text ("59.906900").`;
    case 'missing_coordinate':
      return 'latitude and longitude go together: give both, or neither.';
    case 'bad_time_zone':
      return `"${e.value}" is not an IANA time zone (Europe/Oslo …).`;
    case 'bad_hours':
      return e.hours ? hoursErrorMessage(e.hours) : 'not opening hours.';
    case 'unknown_value':
      return `"${e.value}" is not one of the OCPI values.`;
  }
}

export function connectorDataErrorMessage(e: ConnectorDataError): string {
  switch (e.code) {
    case 'unknown_value':
      return `"${e.value}" is not one of the values this takes.`;
    case 'not_for_type':
      return `${e.value} is not what a ${e.type} connector is.`;
    case 'out_of_range':
      return `a whole number from ${e.min} to ${e.max}.`;
    case 'power_exceeds':
      return `the power is more than the voltage and amperage allow (${(e.ratedW ?? 0) / 1000} kW): change the power, the voltage or the amperage.`;
    case 'required':
      return 'required.';
  }
}
