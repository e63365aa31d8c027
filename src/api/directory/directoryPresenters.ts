import type { z } from 'zod';
import type { Actor } from '../../domain/access/can.ts';
import type {
  Agency,
  LocalAuthority,
  Partnership,
  Person,
  ProtocolVersion,
} from '../../domain/directory/directory.ts';
import type { Protocol } from '../../domain/protocol/protocolSchema.ts';
import type { Role } from '../../domain/vocabulary.ts';
import { weekdays } from '../../domain/vocabulary.ts';
import type { ProtocolVersionEntry } from '../../services/protocolVersions.ts';
import type {
  agencySchema,
  localAuthoritySchema,
  meSchema,
  partnershipSchema,
  personSchema,
  protocolSchema,
  protocolVersionSchema,
} from './directorySchemas.ts';

// JSON shapes of api.md's directory reads.

export function presentMe(actor: Actor): z.infer<typeof meSchema> {
  const roles = [...actor.roles];
  return {
    id: actor.personId,
    name: actor.name ?? null,
    email: actor.email ?? null,
    role: roles[0] ?? null,
    roles,
    agencyId: actor.agencyId,
    partnershipId: actor.partnershipId,
  };
}

export function presentPartnership(
  partnership: Partnership & { protocol: ProtocolVersion | undefined },
): z.infer<typeof partnershipSchema> {
  return {
    id: partnership.id,
    name: partnership.name,
    protocolId: partnership.protocol?.protocolId ?? null,
    protocolVersion: partnership.protocol?.version ?? null,
    timeZone: partnership.workingTime.timeZone,
    calendar: partnership.workingTime.region,
    workingHours: { ...partnership.workingTime.workingHours },
    workingWeekdays: [...(partnership.workingTime.workingWeekdays ?? [1, 2, 3, 4, 5])]
      .sort((a, b) => a - b)
      .flatMap((day) => weekdays[day - 1] ?? []),
  };
}

export function presentProtocol(
  version: ProtocolVersion,
  protocol: Protocol,
): z.infer<typeof protocolSchema> {
  return {
    id: protocol.id,
    version: version.version,
    fileVersion: protocol.version,
    name: protocol.name,
    adoptedAt: version.adoptedAt,
    stages: protocol.stages.map((stage) => ({
      key: stage.key,
      number: stage.number,
      name: stage.name,
      timescale: {
        unit: stage.timescale.unit === 'none' ? null : stage.timescale.unit,
        amount: stage.timescale.amount ?? null,
      },
    })),
    pathways: [
      { id: 'general', name: 'General' },
      ...protocol.pathways.map((pathway) => ({ id: pathway.id, name: pathway.name })),
    ],
    categories: protocol.categories,
    caps: protocol.caps.map((cap) => ({
      name: cap.name,
      stages: cap.stages,
      from: cap.from,
      timescale: { unit: cap.timescale.unit, amount: cap.timescale.amount ?? null },
    })),
    levels: protocol.levels.map((level) => ({
      id: level.id,
      name: level.name,
      role: level.role as Role,
      agencyKinds: level.agencyKinds ?? null,
    })),
  };
}

export function presentLocalAuthority(
  authority: LocalAuthority,
): z.infer<typeof localAuthoritySchema> {
  return {
    id: authority.id,
    name: authority.name,
    frontDoorName: authority.frontDoorName,
    monitoringTeamName: authority.monitoringTeamName,
  };
}

export function presentAgency(agency: Agency): z.infer<typeof agencySchema> {
  return {
    id: agency.id,
    name: agency.name,
    kind: agency.kind,
    localAuthorityId: agency.localAuthorityId,
  };
}

export function presentPerson(person: Person): z.infer<typeof personSchema> {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    role: person.roles[0] ?? null,
    roles: person.roles,
    agencyId: person.agencyId,
    managerId: person.lineManagerId,
    level: person.level ?? null,
  };
}

export function presentProtocolVersion(
  entry: ProtocolVersionEntry,
): z.infer<typeof protocolVersionSchema> {
  return {
    version: entry.version,
    protocolId: entry.protocolId,
    name: entry.name,
    adoptedAt: entry.adoptedAt,
    adoptedBy: entry.adoptedBy,
    reason: entry.reason,
    openCases: entry.openCases,
  };
}
