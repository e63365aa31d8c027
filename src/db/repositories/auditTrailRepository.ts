import type { Kysely } from 'kysely';
import type { AuditPerson } from '../../domain/audit/auditEntryWords.ts';
import type { DatabaseSchema } from '../schema.ts';
import { inSlices } from './inSlices.ts';

type Db = Kysely<DatabaseSchema>;

export type { AuditPerson };

export type AuditCase = {
  id: string;
  reference: string;
  partnershipId: string;
  protocolVersion: number;
  pathway: string;
  purged: boolean;
};

export type AuditStage = { caseId: string; position: number; stageKey: string; startedAt: string };

/** The directory's records an audit entry may be about, each in the table of its names. */
const namedRecordTables = {
  agency: 'agencies',
  team: 'teams',
  region: 'regions',
  'local-authority': 'local_authorities',
  'meeting-place': 'meeting_places',
} as const;
export type NamedRecordType = keyof typeof namedRecordTables;
export const isNamedRecordType = (type: string): type is NamedRecordType =>
  type in namedRecordTables;

/**
 * What the audit trail page needs to say a page of entries in words: the people, cases,
 * stages, protocol versions and directory records they name, each read in one query per page
 * (in slices for a long page), never one per entry.
 */
export function auditTrailRepository(db: Db) {
  return {
    async people(ids: readonly string[]): Promise<AuditPerson[]> {
      const found: AuditPerson[] = [];
      for (const slice of inSlices([...new Set(ids)])) {
        const rows = await db
          .selectFrom('people')
          .select(['id', 'name', 'partnership_id', 'active'])
          .where('id', 'in', slice)
          .execute();
        found.push(...rows.map(toPerson));
      }
      return found;
    },

    /** Everyone of the partnership, active or not, by name: the filter's choices. */
    async peopleOf(partnershipId: string): Promise<AuditPerson[]> {
      const rows = await db
        .selectFrom('people')
        .select(['id', 'name', 'partnership_id', 'active'])
        .where('partnership_id', '=', partnershipId)
        .orderBy('name')
        .execute();
      return rows.map(toPerson);
    },

    async cases(ids: readonly string[]): Promise<AuditCase[]> {
      const found: AuditCase[] = [];
      for (const slice of inSlices([...new Set(ids)])) {
        const rows = await db
          .selectFrom('disagreements')
          .select(['id', 'reference', 'partnership_id', 'protocol_version', 'pathway', 'purged_at'])
          .where('id', 'in', slice)
          .execute();
        found.push(
          ...rows.map((row) => ({
            id: row.id,
            reference: row.reference,
            partnershipId: row.partnership_id,
            protocolVersion: Number(row.protocol_version),
            pathway: row.pathway,
            purged: row.purged_at !== null,
          })),
        );
      }
      return found;
    },

    /** The stages the cases entered, in order: what an escalation entered is found here. */
    async stagesOf(caseIds: readonly string[]): Promise<AuditStage[]> {
      const found: AuditStage[] = [];
      for (const slice of inSlices([...new Set(caseIds)])) {
        const rows = await db
          .selectFrom('disagreement_stages')
          .select(['disagreement_id', 'position', 'stage_key', 'started_at'])
          .where('disagreement_id', 'in', slice)
          .orderBy('disagreement_id')
          .orderBy('position')
          .execute();
        found.push(
          ...rows.map((row) => ({
            caseId: row.disagreement_id,
            position: Number(row.position),
            stageKey: row.stage_key,
            startedAt: row.started_at,
          })),
        );
      }
      return found;
    },

    /** The sequence numbers of the escalations of the cases, in order, by case. */
    async escalationsOf(caseIds: readonly string[]): Promise<Map<string, number[]>> {
      const escalations = new Map<string, number[]>();
      for (const slice of inSlices([...new Set(caseIds)])) {
        const rows = await db
          .selectFrom('audit_log')
          .select(['record_id', 'seq'])
          .where('record_type', '=', 'disagreement')
          .where('record_id', 'in', slice)
          .where('action', '=', 'disagreement.escalated')
          .orderBy('seq')
          .execute();
        for (const row of rows) {
          const id = row.record_id as string;
          escalations.set(id, [...(escalations.get(id) ?? []), Number(row.seq)]);
        }
      }
      return escalations;
    },

    /** The case each lesson is of, by the lesson's id. */
    async lessonCases(ids: readonly string[]): Promise<Map<string, string>> {
      const cases = new Map<string, string>();
      for (const slice of inSlices([...new Set(ids)])) {
        const rows = await db
          .selectFrom('lessons')
          .select(['id', 'disagreement_id'])
          .where('id', 'in', slice)
          .execute();
        for (const row of rows) cases.set(row.id, row.disagreement_id);
      }
      return cases;
    },

    /** The partnership's protocol versions and when each was adopted. */
    async protocolVersions(
      partnershipId: string,
    ): Promise<{ version: number; adoptedAt: string }[]> {
      const rows = await db
        .selectFrom('protocol_versions')
        .select(['version', 'adopted_at'])
        .where('partnership_id', '=', partnershipId)
        .execute();
      return rows.map((row) => ({ version: Number(row.version), adoptedAt: row.adopted_at }));
    },

    /** The names of directory records of one type, by id. */
    async recordNames(type: NamedRecordType, ids: readonly string[]): Promise<Map<string, string>> {
      const names = new Map<string, string>();
      for (const slice of inSlices([...new Set(ids)])) {
        const rows = await db
          .selectFrom(namedRecordTables[type])
          .select(['id', 'name'])
          .where('id', 'in', slice)
          .execute();
        for (const row of rows) names.set(row.id, row.name);
      }
      return names;
    },
  };
}

function toPerson(row: {
  id: string;
  name: string;
  partnership_id: string | null;
  active: unknown;
}): AuditPerson {
  return {
    id: row.id,
    name: row.name,
    partnershipId: row.partnership_id,
    active: row.active === true || row.active === 1,
  };
}
