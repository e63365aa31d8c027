import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatDate } from '../../../domain/calendar/formatting.ts';
import { NotFound } from '../../../domain/errors.ts';
import { type FormErrors, selectField } from '../../../forms/fields.ts';
import { checkFields, errorList, fieldViews } from '../../../forms/form.ts';
import type { ProtocolVersionEntry } from '../../../services/protocolVersions.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { protocolView } from './protocolView.ts';

/** A version the partnership has, chosen from its list. */
const versionNumber = (message: string, known: ReadonlySet<number>) =>
  z
    .string({ error: message })
    .regex(/^[1-9]\d{0,5}$/, message)
    .transform(Number)
    .refine((version) => known.has(version), 'Choose a version of the protocol');

function compareFields(versions: readonly ProtocolVersionEntry[], timeZone: string) {
  const choices = versions.map((entry) => ({
    value: String(entry.version),
    text: `Version ${entry.version}, adopted ${formatDate(Temporal.Instant.from(entry.adoptedAt).toZonedDateTimeISO(timeZone).toPlainDate())}`,
  }));
  const known = new Set(versions.map((entry) => entry.version));
  return {
    from: selectField({
      label: 'Compare version',
      choices,
      schema: versionNumber('Choose a version to compare', known),
    }),
    to: selectField({
      label: 'With version',
      choices,
      schema: versionNumber('Choose the version to compare it with', known),
    }),
  };
}

/** The partnership team's protocol: the page, each version's file, and two versions compared. */
export async function protocolRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);

  app.get('/protocol', async (request, reply) => {
    const view = protocolView(await services.protocolPage({}, webContext(request)));
    // Back from the editor's adoption: say so only when it is the version now in force.
    const { adopted } = request.query as { adopted?: string };
    const justAdopted = adopted === String(view.inForce.version);
    return reply.render('protocol/protocol.njk', { ...view, justAdopted });
  });

  app.get('/protocol/versions/:version.yaml', async (request, reply) => {
    const { version } = request.params as { version: string };
    if (!/^[1-9]\d{0,5}$/.test(version)) throw new NotFound('There is no such version');
    const file = await services.protocolVersionFile(
      { version: Number(version) },
      webContext(request),
    );
    return reply
      .type('text/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.source);
  });

  app.get('/protocol/versions/compare', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const asNumber = (raw: unknown) =>
      typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
    // Without a choice: the version in force against the one before it.
    const shown = await services.compareProtocolVersions(
      { from: asNumber(query.from), to: asNumber(query.to) },
      webContext(request),
    );
    const fields = compareFields(shown.versions, shown.timeZone);
    const asked = query.from !== undefined || query.to !== undefined;
    const checked = asked ? checkFields(fields, query) : undefined;
    const errors: FormErrors = checked && !checked.ok ? checked.errors : {};
    const failed = Object.keys(errors).length > 0 || shown.changes === null;
    // A form with problems is answered 400, with them beside their fields.
    return reply.code(Object.keys(errors).length > 0 ? 400 : 200).render('protocol/compare.njk', {
      pageTitle: 'Compare versions of the protocol',
      errorList: errorList(errors, fields),
      fields: fieldViews(
        fields,
        asked ? query : { from: String(shown.from), to: String(shown.to) },
        errors,
      ),
      onlyOne: shown.versions.length < 2,
      result: failed
        ? null
        : {
            from: shown.from,
            to: shown.to,
            same: shown.from === shown.to,
            groups: shown.changes,
          },
    });
  });
}
