import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import {
  type AuditPerson,
  auditTrailRepository,
  isNamedRecordType,
  type NamedRecordType,
} from '../db/repositories/auditTrailRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { canInPartnership } from '../domain/access/can.ts';
import {
  type AuditActionDetail,
  type AuditActionGroup,
  actionsIn,
  listViewActions,
} from '../domain/audit/auditActions.ts';
import type { AuditEntry } from '../domain/audit/auditChain.ts';
import {
  type AuditEntryWords,
  type AuditNames,
  auditEntryInWords,
} from '../domain/audit/auditEntryWords.ts';
import type { Clock } from '../domain/clock.ts';
import { stageLabel } from '../domain/disagreement/disagreement.ts';
import { Forbidden } from '../domain/errors.ts';
import { ladderFor, stageOf } from '../domain/protocol/ladder.ts';
import { caseIdOf } from './caseIdOf.ts';
import { protocolOf } from './caseRules.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type AuditQuery = {
  partnershipId: string;
  personId?: string | undefined;
  /** A case's reference (as a person types it: "pl-2026-0007") or its id. */
  caseReferenceOrId?: string | undefined;
  /** Only actions of this group. */
  group?: AuditActionGroup | undefined;
  /** The first and last days of the period, in the partnership's calendar (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  /** Whether the reads of lists and searches are shown too (they are left out unless asked for). */
  listViews?: boolean | undefined;
  beforeSeq?: number | undefined;
  limit: number;
};

export type AuditTrail = {
  entries: { entry: AuditEntry; words: AuditEntryWords }[];
  /** The partnership's people, to filter by. */
  people: AuditPerson[];
  timeZone: string;
};

type Db = Parameters<typeof auditRepository>[0];

/**
 * The partnership's audit trail for its partnership team, newest first, filtered by case,
 * person, period and kind of action, each entry in words: the people and cases it names by
 * name and reference. Reading the trail is itself audited.
 */
export async function readAuditLog(
  deps: { database: Database; clock: Clock },
  query: AuditQuery,
  context: RequestContext,
): Promise<AuditTrail> {
  if (!context.actor || !canInPartnership(context.actor, 'view-audit', query.partnershipId)) {
    throw new Forbidden('Only the partnership team can see the audit trail');
  }
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const audit = auditRepository(trx);
    const caseId = query.caseReferenceOrId
      ? await caseIdOf(trx, query.partnershipId, query.caseReferenceOrId)
      : undefined;
    await audit.append(
      auditFacts(context, now, 'audit.read', {
        type: caseId ? 'disagreement' : query.personId ? 'person' : 'partnership',
        id: caseId ?? query.personId ?? query.partnershipId,
        partnershipId: query.partnershipId,
      }),
    );
    const partnership = await partnershipRepository(trx).get(query.partnershipId);
    const timeZone = partnership?.workingTime.timeZone ?? 'Europe/London';
    const startOf = (date: string) =>
      Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).toInstant().toString();
    const showListViews = query.listViews || query.group === 'list-views';
    // A case that is not the partnership's has no entries here: the filter must not widen.
    const unknownCase = query.caseReferenceOrId !== undefined && !caseId;
    const entries = unknownCase
      ? []
      : await audit.list({
          partnershipId: query.partnershipId,
          ...(query.personId ? { personId: query.personId } : {}),
          ...(caseId ? { recordType: 'disagreement', recordId: caseId } : {}),
          ...(query.beforeSeq ? { beforeSeq: query.beforeSeq } : {}),
          ...(query.from ? { from: startOf(query.from) } : {}),
          ...(query.to
            ? { before: startOf(Temporal.PlainDate.from(query.to).add({ days: 1 }).toString()) }
            : {}),
          ...(query.group ? { actions: actionsIn([query.group]) } : {}),
          ...(showListViews ? {} : { withoutActions: listViewActions }),
          limit: query.limit,
        });
    const names = await namesOf(trx, query.partnershipId, entries);
    return {
      entries: entries.map((entry) => ({ entry, words: auditEntryInWords(entry, names) })),
      people: await auditTrailRepository(trx).peopleOf(query.partnershipId),
      timeZone,
    };
  });
}

/** The names a page of entries needs, read a kind at a time for the whole page. */
async function namesOf(
  db: Db,
  partnershipId: string,
  entries: readonly AuditEntry[],
): Promise<AuditNames> {
  const lookups = auditTrailRepository(db);
  const idsOf = (type: string) =>
    entries.flatMap((entry) =>
      entry.recordType === type && entry.recordId ? [entry.recordId] : [],
    );
  const lessonCases = await lookups.lessonCases(idsOf('lesson'));
  const people = await lookups.people([
    ...entries.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])),
    ...idsOf('person'),
  ]);
  const cases = await lookups.cases([...idsOf('disagreement'), ...lessonCases.values()]);
  const records = new Map<string, string>();
  const namedTypes = new Set(entries.map((entry) => entry.recordType).filter(isNamedRecordType));
  for (const type of namedTypes as Set<NamedRecordType>) {
    for (const [id, name] of await lookups.recordNames(type, idsOf(type))) records.set(id, name);
  }
  return {
    partnershipId,
    people: new Map(people.map((person) => [person.id, person])),
    cases: new Map(cases.map((found) => [found.id, found])),
    records,
    lessonCases,
    details: await detailsOf(db, partnershipId, entries, cases),
  };
}

/**
 * What an entry's words add: the stage an escalation entered (only raising and escalating
 * enter a stage, so a case's n-th escalation entered its stage at position n) and the protocol
 * version an adoption made (adopted at the entry's instant).
 */
async function detailsOf(
  db: Db,
  partnershipId: string,
  entries: readonly AuditEntry[],
  cases: readonly { id: string; protocolVersion: number; pathway: string; partnershipId: string }[],
): Promise<Map<number, AuditActionDetail>> {
  const details = new Map<number, AuditActionDetail>();
  const lookups = auditTrailRepository(db);
  const escalations = entries.filter(
    (entry) => entry.action === 'disagreement.escalated' && entry.recordId,
  );
  if (escalations.length > 0) {
    const caseIds = escalations.map((entry) => entry.recordId as string);
    const stages = await lookups.stagesOf(caseIds);
    const escalationSeqs = await lookups.escalationsOf(caseIds);
    const caseOf = new Map(cases.map((found) => [found.id, found]));
    for (const entry of escalations) {
      const found = caseOf.get(entry.recordId as string);
      if (!found || found.partnershipId !== partnershipId) continue;
      const position = (escalationSeqs.get(found.id) ?? []).indexOf(entry.seq) + 1;
      const entered = stages.find(
        (stage) => stage.caseId === found.id && stage.position === position,
      );
      if (position === 0 || !entered) continue;
      const { protocol } = await protocolOf(db, found.partnershipId, found.protocolVersion);
      const stage = stageOf(ladderFor(protocol, found.pathway), entered.stageKey);
      if (stage) details.set(entry.seq, { stage: stageLabel({ protocol }, stage) });
    }
  }
  const adoptions = entries.filter((entry) => entry.action === 'protocol.adopted');
  if (adoptions.length > 0) {
    const versions = await lookups.protocolVersions(partnershipId);
    for (const entry of adoptions) {
      const adopted = versions.find((version) => version.adoptedAt === entry.at);
      if (adopted) details.set(entry.seq, { protocolVersion: adopted.version });
    }
  }
  return details;
}
