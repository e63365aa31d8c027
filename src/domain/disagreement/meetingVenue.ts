import type { MeetingPlace } from '../directory/directory.ts';
import { type FieldProblem, Invalid } from '../errors.ts';
import type { MeetingVenue } from './caseDocument.ts';

/** Where an invitation says a meeting is when what was typed must stay on the case. */
export const ON_THE_CASE = 'See the disagreement’s page in Accord for where it is';
export const ONLINE = 'Online, the link is on the case';

/**
 * What an e-mail or a calendar invitation may say of where a meeting is: a place of the
 * partnership's list, or "online", never what the chair typed (a room booked in a family's name,
 * an address that is the child's).
 */
export function venueText(venue: MeetingVenue): string {
  if (venue.kind === 'listed') {
    return venue.address ? `${venue.name}, ${venue.address}` : venue.name;
  }
  return venue.kind === 'online' ? ONLINE : ON_THE_CASE;
}

/** A meeting's venue from what was asked: a listed place (by id), online, or neither. */
export function venueFrom(
  asked: { placeId?: string | undefined; online?: boolean | undefined; details: string },
  places: readonly MeetingPlace[],
): MeetingVenue {
  const problems: FieldProblem[] = [];
  if (asked.placeId && asked.online) {
    problems.push({ path: 'online', message: 'Choose a meeting place or online, not both' });
  }
  if (!asked.placeId && !asked.online && asked.details === '') {
    problems.push({
      path: 'placeId',
      message: 'Choose a meeting place, say it is online, or give the place’s details',
    });
  }
  const listed = asked.placeId ? places.find((place) => place.id === asked.placeId) : undefined;
  if (asked.placeId && !listed) {
    problems.push({ path: 'placeId', message: 'Choose one of the partnership’s meeting places' });
  }
  if (problems.length > 0) throw new Invalid('Check where the meeting is', problems);
  if (listed) {
    return { kind: 'listed', placeId: listed.id, name: listed.name, address: listed.address };
  }
  return asked.online ? { kind: 'online' } : { kind: 'on-the-case' };
}

/** Where a meeting is, in full, as the case page says it (typed details included). */
export function placeOnTheCase(venue: MeetingVenue, details: string): string {
  const named =
    venue.kind === 'listed' ? venueText(venue) : venue.kind === 'online' ? 'Online' : '';
  return [named, details].filter((part) => part !== '').join(': ') || 'No place given';
}
