import { z } from 'zod';
import { agencyKinds, roles, weekdays } from '../../domain/vocabulary.ts';

// The JSON shapes of api.md's directory reads: the presenters are typed by these schemas and
// the OpenAPI document is generated from them.

const role = z.enum(roles);
const timescale = z.object({
  unit: z.enum(['workingDays', 'hours']).nullable(),
  amount: z.number().int().nullable(),
});

export const meSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    role: role.nullable(),
    roles: z.array(role),
    agencyId: z.string().nullable(),
    partnershipId: z.string().nullable(),
  })
  .meta({ id: 'Me' });

export const partnershipSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    protocolId: z.string().nullable(),
    protocolVersion: z.number().int().nullable(),
    timeZone: z.string(),
    calendar: z.enum(['england-and-wales', 'scotland', 'northern-ireland']),
    /** Local clock times, "HH:MM", in timeZone. */
    workingHours: z.object({ start: z.string(), end: z.string() }),
    /** The days of the week that are working days (bank holidays and closure days aside). */
    workingWeekdays: z.array(z.enum(weekdays)),
  })
  .meta({
    id: 'Partnership',
    description:
      'The partnership and the working time in force: adopting a protocol file applies its calendar.',
  });

export const protocolSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    fileVersion: z.number().int(),
    name: z.string(),
    adoptedAt: z.string(),
    stages: z.array(
      z.object({ key: z.string(), number: z.string().nullable(), name: z.string(), timescale }),
    ),
    pathways: z.array(z.object({ id: z.string(), name: z.string() })),
    categories: z.record(z.string(), z.string()),
    caps: z.array(
      z.object({
        name: z.string(),
        stages: z.array(z.string()),
        from: z.string(),
        timescale: z.object({ unit: z.string(), amount: z.number().int().nullable() }),
      }),
    ),
    /** The partnership's own levels of seniority, each counting as one role for access. */
    levels: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: role,
        /** The kinds of agency whose people may hold it; null for any kind. */
        agencyKinds: z.array(z.enum(agencyKinds)).nullable(),
      }),
    ),
  })
  .meta({ id: 'Protocol' });

export const protocolVersionSchema = z
  .object({
    version: z.number().int(),
    protocolId: z.string(),
    name: z.string(),
    adoptedAt: z.string(),
    adoptedBy: z.string().nullable(),
    reason: z.string().nullable(),
    openCases: z.number().int(),
  })
  .meta({ id: 'ProtocolVersion' });

export const localAuthoritySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    frontDoorName: z.string(),
    monitoringTeamName: z.string(),
  })
  .meta({ id: 'LocalAuthority' });

export const agencySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(agencyKinds),
    localAuthorityId: z.string().nullable(),
  })
  .meta({ id: 'Agency' });

export const personSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: role.nullable(),
    roles: z.array(role),
    agencyId: z.string().nullable(),
    managerId: z.string().nullable(),
    /** The id of the person's level of seniority in the partnership's protocol, or null. */
    level: z.string().nullable().meta({
      description:
        "The id of the person's level of seniority among the protocol's levels (GET /partnerships/{id}/protocol), or null",
    }),
  })
  .meta({ id: 'Person' });
