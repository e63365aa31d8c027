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
import type { WorkingTimeSettings } from '../domain/calendar/workingCalendar.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Conflict, Invalid, NotFound } from '../domain/errors.ts';
import { weekdayNumbers } from '../domain/protocol/protocolSchema.ts';
import { draftAsYaml } from '../domain/protocol/protocolYaml.ts';
import { MAX_PROTOCOL_FILE_BYTES } from '../domain/protocol/validateProtocol.ts';
import {
  type BuiltInProtocolId,
  builtInProtocolFile,
  isBuiltInProtocolId,
} from '../protocols/builtInProtocols.ts';
import { adoptProtocol } from './adoptProtocol.ts';
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

/**
 * The start of a protocol written from scratch: only what cannot be guessed is left out, so the
 * checker lists what is still needed. The partnership's name and working time, one stage.
 */
function emptyProtocol(partnership: { name: string; workingTime: WorkingTimeSettings }) {
  const { region, timeZone, workingHours, workingWeekdays } = partnership.workingTime;
  const usual = !workingWeekdays || workingWeekdays.join() === '1,2,3,4,5';
  const dayNames = Object.entries(weekdayNumbers);
  return {
    terms: { partnership: partnership.name },
    calendar: {
      region,
      timeZone,
      workingHours,
      ...(usual
        ? {}
        : {
            workingWeekdays: [...workingWeekdays]
              .sort()
              .map((n) => dayNames.find(([, number]) => number === n)?.[0]),
          }),
    },
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
    const current = await partnershipRepository(trx).protocolVersion(partnershipId);
    let source: string;
    let basedOn: string;
    if (input.from === 'current') {
      if (!current) throw new NotFound('The partnership has no protocol yet');
      source = current.source;
      basedOn = `version ${current.version}`;
    } else if (input.from === 'empty') {
      const partnership = await partnershipRepository(trx).get(partnershipId);
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
      source = draftAsYaml({ ...data, version: (current?.version ?? 0) + 1 });
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

/** One draft of the person's partnership (404 for any other). */
export async function readProtocolDraft(
  deps: Deps,
  input: { id: string },
  context: RequestContext,
): Promise<ProtocolDraft> {
  const { partnershipId } = teamOf(context);
  const draft = await protocolDraftRepository(deps.database.db).get(partnershipId, input.id);
  if (!draft) throw new NotFound('There is no such draft');
  return draft;
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

/** What adopting changes: the version in force, and how many open cases keep it. */
export async function protocolAdoptionFacts(deps: Deps, _input: unknown, context: RequestContext) {
  const { partnershipId } = teamOf(context);
  const repository = partnershipRepository(deps.database.db);
  const current = await repository.protocolVersion(partnershipId);
  const counts = await protocolDraftRepository(deps.database.db).openCasesByVersion(partnershipId);
  const partnership = await repository.get(partnershipId);
  return {
    currentVersion: current?.version,
    openCasesOnCurrent: current ? (counts.get(current.version) ?? 0) : 0,
    openCases: [...counts.values()].reduce((sum, count) => sum + count, 0),
    closureDays: (partnership?.workingTime as WorkingTimeSettings | undefined)?.closureDays ?? [],
  };
}

/**
 * Adopts a checked draft as the partnership's next protocol version (adoptProtocol, with the
 * reason), then deletes the draft; the adopted version's number.
 */
export async function adoptProtocolDraft(
  deps: Parameters<typeof adoptProtocol>[0],
  input: { id: string; source: string; reason: string },
  context: RequestContext,
): Promise<{ version: number; name: string }> {
  const { partnershipId } = teamOf(context);
  const adopted = await adoptProtocol(
    deps,
    { partnershipId, protocolSource: input.source, reason: input.reason },
    context,
  );
  await deleteProtocolDraft(deps, { id: input.id }, context);
  return adopted;
}
