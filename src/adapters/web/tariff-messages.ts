import type { Weekday } from '../../core/oslo-clock.ts';
import type { PowerClass } from '../../core/tariff-assignment.ts';
import type { PeriodError } from '../../core/tariff-schedule.ts';
import type { TariffEntry } from '../../usecases/ports/operator-tariffs.ts';
import type { TariffCreateRefusal } from '../../usecases/operator/tariff-admin.ts';
import { formatKwRated } from './format-nok.ts';

// What the console and the API say when a tariff's periods or assignment are
// refused: the same sentence in both, naming the period and the other tariff.

const DAY_NAMES: Record<Weekday, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };

export function periodErrorMessage(e: PeriodError): string {
  const which = e.period === null ? 'Periods' : `Period ${e.period + 1}`;
  switch (e.code) {
    case 'not_a_list':
      return 'Periods must be a list.';
    case 'too_many':
      return `At most ${e.limit} periods.`;
    case 'not_an_object':
      return `${which}: not an object.`;
    case 'unknown_field':
      return `${which}: unknown field "${e.field}".`;
    case 'no_days':
      return `${which}: pick at least one weekday.`;
    case 'bad_day':
      return `${which}: weekdays are 1 (Monday) to 7 (Sunday).`;
    case 'bad_time':
      return `${which}: ${e.field === 'to' ? 'the end' : 'the start'} must be a time such as 17:00${e.field === 'to' ? ' (24:00 for midnight)' : ''}.`;
    case 'empty_period':
      return `${which}: the start and the end are the same time; use 00:00–24:00 for the whole day.`;
    case 'overlap':
      return `${which} overlaps period ${(e.other ?? 0) + 1} on ${DAY_NAMES[e.weekday ?? 1]} from ${e.at}: a time of the week can have only one price.`;
    case 'idle_fee_needs_cap':
      return `${which}: an idle fee needs a cap (the most it can add).`;
    case 'idle_cap_needs_fee':
      return `${which}: a cap without an idle fee per minute makes no sense.`;
    case 'no_charging_price':
      return `${which}: must charge something: a price per kWh, per hour or a start fee.`;
    case 'too_large':
      return `${which}: ${e.field} is far above any real price.`;
    case 'negative':
      return `${which}: ${e.field} must not be negative.`;
    default:
      return `${which}: ${e.field ?? 'a value'} is not valid (${e.code.replace(/_/g, ' ')}).`;
  }
}

export function powerClassText(c: PowerClass): string {
  const range = c.maxPowerW === null ? (c.minPowerW > 0 ? `from ${formatKwRated(c.minPowerW)}` : '') : `${formatKwRated(c.minPowerW)} to under ${formatKwRated(c.maxPowerW)}`;
  return [c.current ?? (range ? '' : 'any'), range].filter(Boolean).join(' ').replace(/\u00a0/g, ' ');
}

export function tariffRefusalMessage(r: TariffCreateRefusal): string {
  switch (r.reason) {
    case 'no_site':
      return 'No such site.';
    case 'no_connector':
      return 'No such connector.';
    case 'connector_elsewhere':
      return 'The connector is at another site than the one chosen.';
    case 'invalid_assignment':
      return r.errors
        .map((e) =>
          e.code === 'class_with_connector'
            ? 'A tariff for one connector has no power class: the connector is already as specific as it gets.'
            : e.code === 'empty_power_range'
              ? 'The power range is empty: its upper bound must be above its lower bound.'
              : `${e.field === 'minPowerW' ? 'The lowest' : 'The highest'} power must be a whole number of watts from 0 to 10 MW.`,
        )
        .join(' ');
    case 'class_conflict':
      return `The power class overlaps ${r.conflicts.map(conflictName).join(', ')} at the same scope: a connector fitting both would have no single price. Use the very same class to replace it, or a class that does not overlap.`;
  }
}

function conflictName(e: TariffEntry): string {
  return `"${e.name}" (${e.powerClass ? powerClassText(e.powerClass) : ''})`;
}
