import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import {
  type ProtocolDraft,
  protocolDraftRepository,
} from '../db/repositories/protocolDraftRepository.ts';
import { type Actor, canInPartnership } from '../domain/access/can.ts';
import { describeWorkingTimeChange } from '../domain/calendar/describeWorkingTimeChange.ts';
import type { WorkingTimeSettings } from '../domain/calendar/workingCalendar.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Conflict, Invalid, NotFound } from '../domain/errors.ts';
import { draftAsYaml } from '../domain/protocol/protocolYaml.ts';
import { MAX_PROTOCOL_FILE_BYTES, parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { calendarOf, workingTimeOf } from '../domain/protocol/workingTimeOf.ts';
import {
  type BuiltInProtocolId,
  builtInProtocolFile,
  isBuiltInProtocolId,
} from '../protocols/builtInProtocols.ts';
import { type AdoptedProtocol, adoptProtocol } from './adoptProtocol.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// The partnership team's protocol drafts: a protocol edited in the browser, kept as YAML text
// until it is adopted or deleted. Anyone else is told there is no such page (404).

type Deps = { database: Database; clock: Clock };

function teamOf(context: RequestContext): { actor: Actor; partnershipId: string } {
  const actor = context.actor;
  if (!actor?.partnershipId || !canInPartnership(actor, 'manage-protocol', actor.partnershipId)) {
    throw new NotFound('There is no such page');
  }
  return { actor, partnershipId: actor.partnershipId };
}

/** The drafts of the person's partnership, and what a new one may start from. */
export async function listProtocolDrafts(deps: Deps, _input: unknown, context: RequestContext) {
  const { partnershipId } = teamOf(context);
  const current = await partnershipRepository(deps.database.db).protocolVersion(partnershipId);
  return {
    drafts: await protocolDraftRepository(deps.database.db).list(partnershipId),
    current: current ? { version: current.version, name: current.name } : undefined,
  };
}

/** How many drafts a partnership may keep at once. */
export const MAX_DRAFTS = 20;
const TOO_MANY_DRAFTS = `Delete a draft first: a partnership may keep ${MAX_DRAFTS}`;

/**
 * The start of a protocol written from scratch: only what cannot be guessed is left out, so the
 * checker lists what is still needed. The partnership's name and working time, one stage.
 */
function emptyProtocol(partnership: { name: string; workingTime: WorkingTimeSettings }) {
  return {
    terms: { partnership: partnership.name },
    calendar: calendarOf(partnership.workingTime),
    stages: [{ key: 'stage-1' }],
  };
}

/** A new draft from a built-in protocol, the partnership's protocol in force, or empty; its id. */
export async function startProtocolDraft(
  deps: Deps,
  input: { from: 'current' | 'empty' | BuiltInProtocolId },
  context: RequestContext,
): Promise<string> {
  const { actor, partnershipId } = teamOf(context);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    if ((await protocolDraftRepository(trx).count(partnershipId)) >= MAX_DRAFTS) {
      throw new Invalid(TOO_MANY_DRAFTS, [{ path: 'from', message: TOO_MANY_DRAFTS }]);
    }
    const partnerships = partnershipRepository(trx);
    const current = await partnerships.protocolVersion(partnershipId);
    let source: string;
    let basedOn: string;
    // The working time in force, when it is the protocol in force the draft starts from: the
    // working-time page may have changed it since, and adopting the draft would put it back.
    let calendar: Record<string, unknown> | undefined;
    if (input.from === 'current') {
      if (!current) throw new NotFound('The partnership has no protocol yet');
      source = current.source;
      basedOn = `version ${current.version}`;
      const partnership = await partnerships.get(partnershipId);
      if (partnership) calendar = calendarOf(partnership.workingTime);
    } else if (input.from === 'empty') {
      const partnership = await partnerships.get(partnershipId);
      if (!partnership) throw new NotFound('There is no such partnership');
      source = draftAsYaml(emptyProtocol(partnership));
      basedOn = 'an empty protocol';
    } else if (isBuiltInProtocolId(input.from)) {
      source = await readFile(builtInProtocolFile(input.from), 'utf8');
      basedOn = `built-in ${input.from}`;
    } else {
      throw new Invalid('Choose what to start from', [
        { path: 'from', message: 'Choose what to start from' },
      ]);
    }
    // The partnership's next version number, so the draft is ready to adopt as it stands.
    const data: unknown = parse(source);
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const file = data as Record<string, unknown>;
      source = draftAsYaml({
        ...file,
        version: (current?.version ?? 0) + 1,
        ...(calendar ? { calendar } : {}),
      });
    }
    const id = randomUUID();
    await protocolDraftRepository(trx).insert({
      id,
      partnershipId,
      basedOn,
      source,
      createdBy: actor.personId,
      createdAt: isoInstant(now),
      updatedAt: isoInstant(now),
    });
    await auditRepository(trx).append(
      auditFacts(context, now, 'protocol-draft.created', {
        type: 'protocol-draft',
        id,
        partnershipId,
      }),
    );
    return id;
  });
}

/**
 * One draft of the person's partnership (404 for any other). With `adopting`, a draft of the
 * partnership adopted or deleted a moment ago (a second click on Adopt) is a Conflict.
 */
export async function readProtocolDraft(
  deps: Deps,
  input: { id: string; adopting?: boolean },
  context: RequestContext,
): Promise<ProtocolDraft> {
  const { partnershipId } = teamOf(context);
  const draft = await protocolDraftRepository(deps.database.db).get(partnershipId, input.id);
  if (draft) return draft;
  if (input.adopting) {
    const [gone] = await auditRepository(deps.database.db).list({
      partnershipId,
      recordType: 'protocol-draft',
      recordId: input.id,
      limit: 1,
    });
    if (gone?.action === 'protocol-draft.deleted') throw new Conflict(DRAFT_GONE);
  }
  throw new NotFound('There is no such draft');
}

/** Saves a draft's new text if nobody saved it since `version` was read; the new version. */
export async function saveProtocolDraft(
  deps: Deps,
  input: { id: string; version: number; source: string },
  context: RequestContext,
): Promise<number> {
  const { partnershipId } = teamOf(context);
  if (Buffer.byteLength(input.source, 'utf8') > MAX_PROTOCOL_FILE_BYTES) {
    throw new Invalid('The draft is too large', [
      { path: '', message: 'a protocol may be at most 1 MB: this change would make it larger' },
    ]);
  }
  const drafts = protocolDraftRepository(deps.database.db);
  const saved = await drafts.update(partnershipId, input.id, input.version, {
    source: input.source,
    updatedAt: isoInstant(deps.clock.now()),
  });
  if (!saved) {
    if (!(await drafts.get(partnershipId, input.id))) throw new NotFound('There is no such draft');
    throw new Conflict(
      'Someone else changed this draft since you opened the page: check it and make your change again',
    );
  }
  return input.version + 1;
}

export async function deleteProtocolDraft(
  deps: Deps,
  input: { id: string },
  context: RequestContext,
): Promise<void> {
  const { partnershipId } = teamOf(context);
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    if (!(await protocolDraftRepository(trx).delete(partnershipId, input.id))) {
      throw new NotFound('There is no such draft');
    }
    await auditRepository(trx).append(
      auditFacts(context, now, 'protocol-draft.deleted', {
        type: 'protocol-draft',
        id: input.id,
        partnershipId,
      }),
    );
  });
}

/**
 * What adopting changes: the version in force, how many open cases keep it, and, given the
 * draft's text, what its calendar changes in the working time in force ('' when nothing).
 */
export async function protocolAdoptionFacts(
  deps: Deps,
  input: { source?: string } | undefined,
  context: RequestContext,
) {
  const { partnershipId } = teamOf(context);
  const repository = partnershipRepository(deps.database.db);
  const current = await repository.protocolVersion(partnershipId);
  const counts = await protocolDraftRepository(deps.database.db).openCasesByVersion(partnershipId);
  const partnership = await repository.get(partnershipId);
  const openCases = [...counts.values()].reduce((sum, count) => sum + count, 0);
  let workingTimeChange = '';
  const check = input?.source === undefined ? undefined : parseProtocolFile(input.source);
  if (partnership && check?.ok) {
    const before = partnership.workingTime;
    const after = { ...workingTimeOf(check.protocol), closureDays: before.closureDays ?? [] };
    const change = describeWorkingTimeChange(before, after, 'ahead');
    if (change) {
      workingTimeChange = `${change.replace(/\.$/, '')}: ${
        openCases === 1
          ? '1 open disagreement will be due again under it.'
          : `${openCases} open disagreements will be due again under it.`
      }`;
    }
  }
  return {
    currentVersion: current?.version,
    openCasesOnCurrent: current ? (counts.get(current.version) ?? 0) : 0,
    openCases,
    closureDays: (partnership?.workingTime as WorkingTimeSettings | undefined)?.closureDays ?? [],
    workingTimeChange,
  };
}

/**
 * Adopts a checked draft as the partnership's next protocol version (adoptProtocol, with the
 * reason, the file saying the version number it gets), deleting the draft in the same
 * transaction: only the draft as the page showed it (`draftVersion`), so a second click or a
 * second person adopting it at the same time is refused (Conflict), never a second version.
 */
export async function adoptProtocolDraft(
  deps: Parameters<typeof adoptProtocol>[0],
  input: { id: string; draftVersion: number; source: string; reason: string },
  context: RequestContext,
): Promise<AdoptedProtocol> {
  const { partnershipId } = teamOf(context);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    if (!(await protocolDraftRepository(trx).delete(partnershipId, input.id, input.draftVersion))) {
      throw new Conflict(DRAFT_GONE);
    }
    await auditRepository(trx).append(
      auditFacts(context, now, 'protocol-draft.deleted', {
        type: 'protocol-draft',
        id: input.id,
        partnershipId,
      }),
    );
    return adoptProtocol(
      deps,
      { partnershipId, protocolSource: input.source, reason: input.reason, renumber: true },
      context,
      trx,
    );
  });
}

export const DRAFT_GONE = 'This draft has already been adopted or changed';
