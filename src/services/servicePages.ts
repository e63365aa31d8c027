import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { retentionRepository } from '../db/repositories/retentionRepository.ts';
import {
  type StoredServicePage,
  servicePageRepository,
} from '../db/repositories/servicePageRepository.ts';
import { canInPartnership } from '../domain/access/can.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { DEFAULT_RETENTION_MONTHS } from '../domain/retention/retentionPeriod.ts';
import { safeString } from '../domain/safeText.ts';
import type { ServicePageKind } from '../domain/servicePages/defaultServicePages.ts';
import { servicePageTextLimit } from '../domain/servicePages/servicePageText.ts';
import { parseInput } from './parseInput.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type { StoredServicePage };

type Deps = { database: Database; clock: Clock };
type PartnershipName = { id: string; name: string };

export type ServicePageRead = {
  /** Whose text it is; none: the deployment's default, for a visitor of no partnership. */
  partnership: (PartnershipName & { retentionMonths: number }) | undefined;
  /** The partnership team's own text; none: Accord's default. */
  stored: StoredServicePage | undefined;
  /** Every partnership, for a visitor who may choose whose page to read. */
  partnerships: PartnershipName[];
};

/**
 * A footer page, open to anyone: the partnership named in the address, else the signed-in
 * person's, else the deployment's only one; with several and none chosen, no partnership's.
 */
export async function readServicePage(
  deps: Deps,
  input: { page: ServicePageKind; partnershipId?: string | undefined },
  context: RequestContext,
): Promise<ServicePageRead> {
  const { db } = deps.database;
  const all = await partnershipRepository(db).list();
  const partnerships = all
    .map(({ id, name }) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  let chosen: PartnershipName | undefined;
  if (input.partnershipId !== undefined) {
    chosen = partnerships.find((partnership) => partnership.id === input.partnershipId);
    if (!chosen) throw new NotFound('There is no such partnership');
  } else {
    chosen =
      partnerships.find((partnership) => partnership.id === context.actor?.partnershipId) ??
      (partnerships.length === 1 ? partnerships[0] : undefined);
  }
  if (!chosen) return { partnership: undefined, stored: undefined, partnerships };
  const retentionMonths =
    (await retentionRepository(db).periodOf(chosen.id)) ?? DEFAULT_RETENTION_MONTHS;
  return {
    partnership: { ...chosen, retentionMonths },
    stored: await servicePageRepository(db).get(chosen.id, input.page),
    partnerships,
  };
}

function teamPartnership(context: RequestContext): string {
  const actor = context.actor;
  if (!actor?.partnershipId || !canInPartnership(actor, 'manage-directory', actor.partnershipId)) {
    throw new Forbidden("Only the partnership team can change the service's pages");
  }
  return actor.partnershipId;
}

/** Whether each footer page has the team's own text, for the directory page. */
export async function servicePagesOfTeam(
  deps: Deps,
  input: { pages: readonly ServicePageKind[] },
  context: RequestContext,
): Promise<Map<ServicePageKind, StoredServicePage | undefined>> {
  const partnershipId = teamPartnership(context);
  const repository = servicePageRepository(deps.database.db);
  const pages = new Map<ServicePageKind, StoredServicePage | undefined>();
  for (const page of input.pages) pages.set(page, await repository.get(partnershipId, page));
  return pages;
}

const bodySchema = z.strictObject({
  body: safeString()
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, 'Enter the text of the page')
        .max(
          servicePageTextLimit,
          `The page must be ${servicePageTextLimit.toLocaleString('en-GB')} characters or fewer`,
        ),
    ),
});

/** The partnership team's own text for a footer page; audited. */
export async function saveServicePage(
  deps: Deps,
  input: { page: ServicePageKind; body: unknown },
  context: RequestContext,
): Promise<void> {
  const partnershipId = teamPartnership(context);
  const { body } = parseInput(bodySchema, { body: input.body });
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    await servicePageRepository(trx).set(
      partnershipId,
      input.page,
      body,
      context.actor?.personId ?? null,
      isoInstant(now),
    );
    await auditRepository(trx).append(
      auditFacts(context, now, 'service-page.changed', {
        type: 'service-page',
        id: input.page,
        partnershipId,
      }),
    );
  });
}

/** Back to Accord's default text; audited when there was text of the team's own. */
export async function resetServicePage(
  deps: Deps,
  input: { page: ServicePageKind },
  context: RequestContext,
): Promise<void> {
  const partnershipId = teamPartnership(context);
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    if (!(await servicePageRepository(trx).remove(partnershipId, input.page))) return;
    await auditRepository(trx).append(
      auditFacts(context, now, 'service-page.reset', {
        type: 'service-page',
        id: input.page,
        partnershipId,
      }),
    );
  });
}
