import { formatDayMonthYear } from '../calendar/formatting.ts';
import type { Child } from './disagreement.ts';

const firstLetter = (name: string): string => {
  const trimmed = name.trim();
  if (!trimmed) return '';
  const [first] = new Intl.Segmenter('en-GB', { granularity: 'grapheme' }).segment(trimmed);
  return (first?.segment ?? '').toLocaleUpperCase('en-GB');
};

/** A child's initials, never their name: "RE" for Robin Example. */
export function initialsOf(child: Pick<Child, 'firstName' | 'lastName'>): string {
  return `${firstLetter(child.firstName)}${firstLetter(child.lastName)}`;
}

/** Whole years from a date of birth to a date (a birthday on 29 February falls on 1 March). */
export function ageInYears(born: Temporal.PlainDate, on: Temporal.PlainDate): number {
  return Math.max(0, born.until(on, { largestUnit: 'years' }).years);
}

/**
 * A child as a list of cases names them, where a full name would say too much: initials and
 * age ("RE, 7 years old"), "unborn, due 4 March 2027", or the initials alone when neither date
 * was given.
 */
export function childInBrief(child: Child, today: Temporal.PlainDate): string {
  const initials = initialsOf(child);
  const parts = initials ? [initials] : [];
  if (child.dateOfBirth) {
    const born = Temporal.PlainDate.from(child.dateOfBirth);
    if (Temporal.PlainDate.compare(born, today) > 0) parts.push('unborn');
    else {
      const years = ageInYears(born, today);
      parts.push(years === 0 ? 'under 1 year old' : `${years} year${years === 1 ? '' : 's'} old`);
    }
  } else if (child.expectedDueDate) {
    parts.push(`unborn, due ${formatDayMonthYear(Temporal.PlainDate.from(child.expectedDueDate))}`);
  }
  return parts.join(', ');
}
