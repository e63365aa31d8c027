import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';
import { flag } from './rowMapping.ts';

/** A person as the administrators' list of accounts shows them: no case content, no roles' reach. */
export type AccountRow = {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  partnershipId: string | null;
  agencyId: string | null;
  active: boolean;
  lastSignedInAt: string | null;
  hasPassword: boolean;
};

/** An invitation (a set-password link sent by e-mail) that may still be used. */
export type PendingInvitation = { personId: string; createdAt: string | null; expiresAt: string };

/**
 * What the administrators' pages read and change of accounts: when people last signed in,
 * whether they are active, and the invitations sent to them (services/accountAdministration.ts).
 */
export function accountAdminRepository(db: Kysely<DatabaseSchema>) {
  const accountQuery = () =>
    db
      .selectFrom('people')
      .leftJoin('password_credentials', 'password_credentials.person_id', 'people.id')
      .select([
        'people.id',
        'people.name',
        'people.email',
        'people.job_title',
        'people.partnership_id',
        'people.agency_id',
        'people.active',
        'people.last_signed_in_at',
        'password_credentials.person_id as credential',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof accountQuery>['execute']>>[number];
  const accountOf = (row: Row): AccountRow => ({
    id: row.id,
    name: row.name,
    email: row.email,
    jobTitle: row.job_title,
    partnershipId: row.partnership_id,
    agencyId: row.agency_id,
    active: flag(row.active),
    lastSignedInAt: row.last_signed_in_at,
    hasPassword: row.credential !== null,
  });
  return {
    /** Everyone, or one partnership's people, by name; only those never signed in if asked. */
    async accounts(filter: {
      partnershipId?: string | undefined;
      neverSignedIn?: boolean;
    }): Promise<AccountRow[]> {
      let query = accountQuery().orderBy('people.name').orderBy('people.id');
      if (filter.partnershipId)
        query = query.where('people.partnership_id', '=', filter.partnershipId);
      if (filter.neverSignedIn) query = query.where('people.last_signed_in_at', 'is', null);
      return (await query.execute()).map(accountOf);
    },

    async account(personId: string): Promise<AccountRow | undefined> {
      const row = await accountQuery().where('people.id', '=', personId).executeTakeFirst();
      return row ? accountOf(row) : undefined;
    },

    async recordSignIn(personId: string, at: string): Promise<void> {
      await db
        .updateTable('people')
        .set({ last_signed_in_at: at })
        .where('id', '=', personId)
        .execute();
    },

    async setActive(personId: string, active: boolean): Promise<void> {
      await db.updateTable('people').set({ active }).where('id', '=', personId).execute();
    },

    /** The newest invitation of each person that is unused and unexpired at `now`. */
    async pendingInvitations(now: string, personId?: string): Promise<PendingInvitation[]> {
      let query = db
        .selectFrom('password_links')
        .select(['person_id', 'created_at', 'expires_at'])
        .where('purpose', '=', 'invitation')
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('expires_at', 'desc');
      if (personId) query = query.where('person_id', '=', personId);
      const rows = await query.execute();
      const newest = new Map<string, PendingInvitation>();
      for (const row of rows) {
        if (!newest.has(row.person_id))
          newest.set(row.person_id, {
            personId: row.person_id,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
          });
      }
      return [...newest.values()];
    },

    /** Every unused link of the person stops working: they are deleted. How many there were. */
    async dropUnusedLinks(personId: string): Promise<number> {
      const result = await db
        .deleteFrom('password_links')
        .where('person_id', '=', personId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /**
     * An invitation's link lives in its e-mail's body until it is sent: once the link is
     * replaced, revoked or used, what was not sent is not sent, and the body of every
     * invitation of the person keeps no link (the outbox is not a store of secrets).
     */
    async retireInvitationMessages(personId: string, at: string): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ status: 'dropped', sent_at: at, leased_by: null, lease_until: null })
        .where('kind', '=', 'invitation')
        .where('person_id', '=', personId)
        .where('status', 'in', ['pending', 'held'])
        .execute();
      await db
        .updateTable('outbox')
        .set({ body: RETIRED_INVITATION_BODY })
        .where('kind', '=', 'invitation')
        .where('person_id', '=', personId)
        .execute();
    },
  };
}

export const RETIRED_INVITATION_BODY =
  'An invitation to set a password for Accord. Its link has since been replaced, revoked or used.';
