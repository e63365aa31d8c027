import type { Kysely } from 'kysely';
import type {
  Agency,
  LocalAuthority,
  MeetingPlace,
  OnCallContact,
  Region,
  Team,
} from '../../domain/directory/directory.ts';
import type { AgencyKind } from '../../domain/vocabulary.ts';
import type { DatabaseSchema } from '../schema.ts';
import { uniqueOrConflict } from './uniqueViolation.ts';

/** A partnership's local authorities, agencies, teams, regions and on-call contacts. */
export function organisationRepository(db: Kysely<DatabaseSchema>) {
  return {
    async insertLocalAuthority(authority: LocalAuthority): Promise<void> {
      await uniqueOrConflict(
        db
          .insertInto('local_authorities')
          .values({
            id: authority.id,
            partnership_id: authority.partnershipId,
            name: authority.name,
            front_door_name: authority.frontDoorName,
            monitoring_team_name: authority.monitoringTeamName,
            monitoring_team_email: authority.monitoringTeamEmail,
          })
          .execute(),
        `There is already a local authority called ${authority.name}`,
      );
    },

    async localAuthorities(partnershipId: string): Promise<LocalAuthority[]> {
      const rows = await db
        .selectFrom('local_authorities')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('name')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        partnershipId: row.partnership_id,
        name: row.name,
        frontDoorName: row.front_door_name,
        monitoringTeamName: row.monitoring_team_name,
        monitoringTeamEmail: row.monitoring_team_email,
      }));
    },

    async insertAgency(agency: Agency): Promise<void> {
      await uniqueOrConflict(
        db
          .insertInto('agencies')
          .values({
            id: agency.id,
            partnership_id: agency.partnershipId,
            name: agency.name,
            kind: agency.kind,
            local_authority_id: agency.localAuthorityId,
          })
          .execute(),
        `There is already an agency called ${agency.name}`,
      );
    },

    /** One agency's name, for the header's "Signed in as". */
    async agencyName(id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('agencies')
        .select('name')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.name;
    },

    async agencies(partnershipId: string): Promise<Agency[]> {
      const rows = await db
        .selectFrom('agencies')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('name')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        partnershipId: row.partnership_id,
        name: row.name,
        kind: row.kind as AgencyKind,
        localAuthorityId: row.local_authority_id,
      }));
    },

    async insertTeam(team: Team): Promise<void> {
      await db
        .insertInto('teams')
        .values({ id: team.id, agency_id: team.agencyId, name: team.name })
        .execute();
    },

    async teams(partnershipId: string): Promise<Team[]> {
      const rows = await db
        .selectFrom('teams')
        .innerJoin('agencies', 'agencies.id', 'teams.agency_id')
        .select(['teams.id', 'teams.agency_id', 'teams.name'])
        .where('agencies.partnership_id', '=', partnershipId)
        .orderBy('teams.name')
        .execute();
      return rows.map((row) => ({ id: row.id, agencyId: row.agency_id, name: row.name }));
    },

    async insertRegion(region: Region): Promise<void> {
      await uniqueOrConflict(
        db
          .insertInto('regions')
          .values({ id: region.id, partnership_id: region.partnershipId, name: region.name })
          .execute(),
        `There is already a region called ${region.name}`,
      );
    },

    async regions(partnershipId: string): Promise<Region[]> {
      const rows = await db
        .selectFrom('regions')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('name')
        .execute();
      return rows.map((row) => ({ id: row.id, partnershipId: row.partnership_id, name: row.name }));
    },

    async insertMeetingPlace(place: MeetingPlace): Promise<void> {
      await uniqueOrConflict(
        db
          .insertInto('meeting_places')
          .values({
            id: place.id,
            partnership_id: place.partnershipId,
            name: place.name,
            address: place.address,
          })
          .execute(),
        `There is already a meeting place called ${place.name}`,
      );
    },

    async meetingPlaces(partnershipId: string): Promise<MeetingPlace[]> {
      const rows = await db
        .selectFrom('meeting_places')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('name')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        partnershipId: row.partnership_id,
        name: row.name,
        address: row.address,
      }));
    },

    async insertOnCallContact(contact: OnCallContact, position: number): Promise<void> {
      await db
        .insertInto('on_call_contacts')
        .values({
          id: contact.id,
          partnership_id: contact.partnershipId,
          name: contact.name,
          telephone: contact.telephone,
          notes: contact.notes,
          position,
        })
        .execute();
    },

    async onCallContacts(partnershipId: string): Promise<OnCallContact[]> {
      const rows = await db
        .selectFrom('on_call_contacts')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('position')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        partnershipId: row.partnership_id,
        name: row.name,
        telephone: row.telephone,
        notes: row.notes,
      }));
    },
  };
}

export type OrganisationRepository = ReturnType<typeof organisationRepository>;
