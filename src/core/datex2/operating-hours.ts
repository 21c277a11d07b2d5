import type { OpeningHours } from '../feed/opening-hours.ts';
import { datexTime, enumValue, type JsonObject } from './datex2-json.ts';

// A site's opening hours as DATEX II operating hours (profile §5.2): around
// the clock is `afacOpenAllHours`; else one valid period per weekday with its
// times of day. The profile writes times of day in local time with a "Z" that
// means nothing but that the `time` format wants it ("07:00:00Z").

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export function operatingHours(hours: OpeningHours, id: string, version: string): JsonObject {
  if (hours.twentyFourSeven) return { afacOpenAllHours: {} };
  const days = [...new Set(hours.regularHours.map((p) => p.weekday))];
  return {
    afacOperatingHoursSpecification: {
      idG: id,
      versionG: datexTime(version),
      operatingAllYear: true,
      overallPeriod: {
        // Valid as they are since they were last set.
        overallStartTime: datexTime(version),
        validPeriod: days.map((day) => ({
          recurringTimePeriodOfDay: hours.regularHours
            .filter((p) => p.weekday === day)
            .map((p) => ({ startTimeOfPeriod: `${p.periodBegin}:00Z`, endTimeOfPeriod: `${p.periodEnd}:00Z` })),
          recurringDayWeekMonthPeriod: [{ comDayWeekMonth: { applicableDay: [enumValue(DAYS[day - 1] as string)] } }],
        })),
      },
    },
  };
}
