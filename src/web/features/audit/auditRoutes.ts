import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, canInPartnership } from '../../../domain/access/can.ts';
import type { AuditEntry } from '../../../domain/audit/auditChain.ts';
import { formatInstant } from '../../../domain/calendar/formatting.ts';
import { Forbidden } from '../../../domain/errors.ts';
import type { Services } from '../../../services.ts';
import { neutralised } from '../../csv.ts';
import { webContext } from '../../requestContext.ts';
import { requireSignIn } from '../../requireSignIn.ts';

const PAGE_SIZE = 100;
const CSV_LIMIT = 50_000;

const filters = z.object({
  person: z.uuid().optional().catch(undefined),
  case: z.string().trim().max(100).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

const viaNames: Record<string, string> = {
  web: 'Web',
  api: 'API',
  cli: 'Command line',
  system: 'Accord',
};
const anonymousNames: Record<string, string> = { cli: 'Command line', system: 'Accord' };

export async function auditRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.addHook('preHandler', requireSignIn);

  function partnershipOf(request: FastifyRequest): string {
    const actor = request.actor as Actor;
    if (!actor.partnershipId || !canInPartnership(actor, 'view-audit', actor.partnershipId)) {
      throw new Forbidden('Only the partnership team can see the audit trail');
    }
    return actor.partnershipId;
  }

  function query(request: FastifyRequest, limit: number) {
    const parsed = filters.parse(request.query ?? {});
    return {
      partnershipId: partnershipOf(request),
      personId: parsed.person,
      caseReferenceOrId: parsed.case || undefined,
      beforeSeq: parsed.before,
      limit,
    };
  }

  const describeRecord = (
    entry: AuditEntry,
    names: Map<string, string>,
    references: Map<string, string>,
  ) =>
    entry.recordType === 'person' && entry.recordId
      ? `Person: ${names.get(entry.recordId) ?? entry.recordId}`
      : entry.recordType === 'disagreement' && entry.recordId && references.has(entry.recordId)
        ? `Disagreement ${references.get(entry.recordId)} (${entry.recordId})`
        : `${entry.recordType}${entry.recordId ? ` ${entry.recordId}` : ''}`;

  app.get('/audit', async (request, reply) => {
    const auditQuery = query(request, PAGE_SIZE);
    const { entries, names, references } = await services.readAuditLog(
      auditQuery,
      webContext(request),
    );
    const params = new URLSearchParams();
    if (auditQuery.personId) params.set('person', auditQuery.personId);
    if (auditQuery.caseReferenceOrId) params.set('case', auditQuery.caseReferenceOrId);
    const last = entries.at(-1);
    const older = new URLSearchParams(params);
    if (last) older.set('before', String(last.seq));
    return reply.render('audit/audit.njk', {
      filters: auditQuery,
      queryString: params.size ? `?${params}` : '',
      personChoices: [
        { value: '', text: 'Anyone' },
        ...[...names].map(([id, name]) => ({
          value: id,
          text: name,
          selected: id === auditQuery.personId,
        })),
      ],
      entries: entries.map((entry) => ({
        when: formatInstant(Temporal.Instant.from(entry.at), 'Europe/London'),
        who: entry.actorId
          ? (names.get(entry.actorId) ?? 'Someone outside this partnership')
          : (anonymousNames[entry.via] ?? 'Not signed in'),
        action: entry.action,
        record: describeRecord(entry, names, references),
        via: viaNames[entry.via] ?? entry.via,
      })),
      olderHref: entries.length === PAGE_SIZE && last ? `/audit?${older}` : undefined,
    });
  });

  app.get('/audit.csv', async (request, reply) => {
    const { entries, names } = await services.readAuditLog(
      query(request, CSV_LIMIT),
      webContext(request),
    );
    const rows = entries.map((entry) =>
      [
        entry.seq,
        entry.at,
        entry.actorId,
        entry.actorId ? (names.get(entry.actorId) ?? null) : null,
        entry.via,
        entry.action,
        entry.recordType,
        entry.recordId,
        entry.justification,
        entry.requestId,
        entry.hash,
      ].map(neutralised),
    );
    const csv = stringify(rows, {
      header: true,
      columns: [
        'seq',
        'at',
        'actor_id',
        'actor_name',
        'via',
        'action',
        'record_type',
        'record_id',
        'justification',
        'request_id',
        'hash',
      ],
    });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="accord-audit.csv"')
      .type('text/csv; charset=utf-8')
      .send(csv);
  });
}
