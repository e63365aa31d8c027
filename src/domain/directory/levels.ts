import type { ProtocolLevel } from '../protocol/protocolSchema.ts';
import { type AgencyKind, type Role, roles } from '../vocabulary.ts';
import { agencyKindNames } from '../vocabularyNames.ts';

// The partnership's own levels of seniority (protocol `levels`): each counts as one of the five
// roles for access. A person carries at most one, and holds its role as well: the role is stored
// with their other roles when the level is set, so can() and the SQL form of 'view' read it as
// they read any role, and the rules stay in access/can.ts. Which stored role only the level
// gives is kept too (levelRole), so that the protocol in force decides: adopting a version that
// maps the level to another role, or drops it, takes that role away again and keeps the roles
// given directly (services/applyProtocolLevels.ts).

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
  return withLevel(given, level).roles;
}

/**
 * The roles to store for a person given these roles directly and carrying this level: the given
 * ones and the level's, and the level's role when only the level gives it (else null).
 */
export function withLevel(
  given: readonly Role[],
  level: ProtocolLevel | null | undefined,
): { roles: Role[]; levelRole: Role | null } {
  const role = level?.role as Role | undefined;
  return role && !given.includes(role)
    ? { roles: [...given, role], levelRole: role }
    : { roles: [...given], levelRole: null };
}

/** Whether two lists hold the same roles, in any order. */
export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return new Set(a).size === new Set(b).size && a.every((role) => b.includes(role));
}

/** The roles a person was given directly: their roles but the one only their level gives. */
export function givenRoles(person: { roles: readonly Role[]; levelRole?: Role | null }): Role[] {
  return person.roles.filter((role) => role !== person.levelRole);
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
