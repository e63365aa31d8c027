import type { WorkingTimeSettings } from '../calendar/workingCalendar.ts';
import type { AgencyKind, Role } from '../vocabulary.ts';

/** The people and organisations of a partnership, as the rest of the domain sees them. */

export type Partnership = {
  id: string;
  name: string;
  /** Starts each of its case references, unique in the deployment (referencePrefix.ts). */
  referencePrefix: string;
  workingTime: WorkingTimeSettings;
  /** How many working days before a stage or action is due its people are reminded. */
  reminderWorkingDays: number;
  createdAt: string;
};

export type ProtocolVersion = {
  partnershipId: string;
  /** The partnership's own count of adoptions: 1 for the first protocol it used. */
  version: number;
  protocolId: string;
  name: string;
  /** The protocol file as adopted, so every case can be read under the version it started with. */
  source: string;
  adoptedAt: string;
  adoptedBy: string | null;
  /** Why the partnership team adopted it, in their words (null for the first, or from the command line without one). */
  reason: string | null;
};

export type LocalAuthority = {
  id: string;
  partnershipId: string;
  name: string;
  frontDoorName: string;
  monitoringTeamName: string;
  monitoringTeamEmail: string | null;
};

export type Agency = {
  id: string;
  partnershipId: string;
  name: string;
  kind: AgencyKind;
  localAuthorityId: string | null;
};

export type Team = { id: string; agencyId: string; name: string };
export type Region = { id: string; partnershipId: string; name: string };

/** A place the partnership meets at: the only kind of place an invitation names. */
export type MeetingPlace = {
  id: string;
  partnershipId: string;
  name: string;
  address: string | null;
};

export type OnCallContact = {
  id: string;
  partnershipId: string;
  name: string;
  telephone: string;
  notes: string | null;
};

export type Person = {
  id: string;
  partnershipId: string | null;
  name: string;
  email: string;
  jobTitle: string | null;
  telephone: string | null;
  agencyId: string | null;
  teamId: string | null;
  regionId: string | null;
  lineManagerId: string | null;
  roles: Role[];
  /**
   * The person's level of seniority: the id of one of the `levels` of the partnership's protocol
   * in force (service manager, detective inspector…), or null. Its role is among `roles`
   * (levels.ts), so every access rule sees it; stages that name the level find the person.
   */
  level?: string | null;
  /**
   * The role among `roles` the person holds only because of their level (it was not also
   * given to them directly), or null: taken away again when the level goes or its role changes.
   */
  levelRole?: Role | null;
  active: boolean;
};

/** E-mail addresses are compared without regard to case or surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The active people of a directory who hold a role: who plays a part in made-up history (the
 * generator's cast). What anyone may do is still can()'s to say.
 */
export function holdingRole(people: readonly Person[], role: Role): Person[] {
  return people.filter((person) => person.active && person.roles.includes(role));
}
