import type { ProtocolLevel } from '../protocol/protocolSchema.ts';
import { type AgencyKind, type Role, roles } from '../vocabulary.ts';
import { agencyKindNames } from '../vocabularyNames.ts';

// The partnership's own levels of seniority (protocol `levels`): each counts as one of the five
// roles for access. A person carries at most one, and holds its role as well: the role is stored
// with their other roles when the level is set, so can() and the SQL form of 'view' read it as
// they read any role, and the rules stay in access/can.ts.

/** Whether a name in a stage's roles list is one of the five roles (else it is a level's id). */
export function isRole(name: string): name is Role {
  return (roles as readonly string[]).includes(name);
}

/** Whether a person of an agency of this kind (none: of no agency) may hold the level. */
export function levelFits(level: ProtocolLevel, agencyKind: AgencyKind | null): boolean {
  return !level.agencyKinds || (agencyKind !== null && level.agencyKinds.includes(agencyKind));
}

/** The levels a person of an agency of this kind may hold, in the protocol's order. */
export function levelsFor(
  levels: readonly ProtocolLevel[],
  agencyKind: AgencyKind | null,
): ProtocolLevel[] {
  return levels.filter((level) => levelFits(level, agencyKind));
}

/** A level by its id or its name as people write it (case and spacing aside). */
export function findLevel(
  levels: readonly ProtocolLevel[],
  idOrName: string,
): ProtocolLevel | undefined {
  const folded = idOrName.trim().replace(/\s+/g, ' ').toLowerCase();
  return (
    levels.find((level) => level.id === folded) ??
    levels.find((level) => level.name.replace(/\s+/g, ' ').toLowerCase() === folded)
  );
}

/** A person's roles with the role their level gives, once. */
export function rolesWithLevel(given: readonly Role[], level: ProtocolLevel | undefined): Role[] {
  const role = level?.role as Role | undefined;
  return role && !given.includes(role) ? [...given, role] : [...given];
}

/** Why a person of an agency of this kind cannot hold the level, in words; undefined if they can. */
export function levelMisfit(
  level: ProtocolLevel,
  agencyKind: AgencyKind | null,
): string | undefined {
  if (levelFits(level, agencyKind)) return undefined;
  const kinds = (level.agencyKinds ?? []).map((kind) => agencyKindNames[kind]).join(' or ');
  return agencyKind === null
    ? `${level.name} is a level of agencies of the kind ${kinds}: the person has no agency`
    : `${level.name} is a level of agencies of the kind ${kinds}, not ${agencyKindNames[agencyKind]}`;
}

/** A person's name, with their level as the protocol names it: "Sam Example (Service manager)". */
export function nameWithLevel(
  person: { name: string; level?: string | null },
  levels: readonly ProtocolLevel[],
): string {
  const level = person.level ? levels.find((each) => each.id === person.level) : undefined;
  return level ? `${person.name} (${level.name})` : person.name;
}
