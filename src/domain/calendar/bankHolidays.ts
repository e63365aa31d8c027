import { createRequire } from 'node:module';

export const calendarRegions = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type CalendarRegion = (typeof calendarRegions)[number];

export const FIRST_CALENDAR_YEAR = 2015;
// 2040 is the last year a case may start in; 2041 is kept so that its deadlines can be reached.
export const LAST_CALENDAR_YEAR = 2041;

// date-holidays knows England and Wales as two regions with the same bank holidays.
const dateHolidaysRegion: Record<CalendarRegion, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

const byRegion = new Map<CalendarRegion, ReadonlyMap<string, string>>();

/**
 * The bank holidays of one UK calendar from 2015 to 2041, by ISO date, with
 * their names ("Boxing Day substitute"). A holiday at a weekend is listed on its
 * own date as well as on its substitute weekday: a partnership that works on
 * Saturdays does not work on Christmas Day.
 */
export function bankHolidays(region: CalendarRegion): ReadonlyMap<string, string> {
  let holidays = byRegion.get(region);
  if (!holidays) {
    holidays = loadBankHolidays(region);
    byRegion.set(region, holidays);
  }
  return holidays;
}

// date-holidays (every country's rules, an astronomy library) loads on the first calendar
// asked for, not when the server starts.
function loadBankHolidays(region: CalendarRegion): ReadonlyMap<string, string> {
  const Holidays = createRequire(import.meta.url)(
    'date-holidays',
  ) as typeof import('date-holidays').default;
  const source = new Holidays('GB', dateHolidaysRegion[region]);
  const holidays = new Map<string, string>();
  for (let year = FIRST_CALENDAR_YEAR; year <= LAST_CALENDAR_YEAR; year++) {
    for (const holiday of source.getHolidays(year)) {
      if (holiday.type !== 'public' && holiday.type !== 'bank') continue;
      const date = holiday.date.slice(0, 10);
      holidays.set(date, holiday.name.replace(/ \(substitute day\)$/, ' substitute'));
    }
  }
  return holidays;
}
