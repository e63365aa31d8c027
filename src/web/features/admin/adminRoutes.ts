import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, canManageAccounts } from '../../../domain/access/can.ts';
import { formatInstant } from '../../../domain/calendar/formatting.ts';
import { Forbidden, Invalid } from '../../../domain/errors.ts';
import { agencyKindNames, roleNames } from '../../../domain/vocabularyNames.ts';
import { errorList } from '../../../forms/form.ts';
import type { AccountListing } from '../../../services/accountAdministration.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { queryString } from '../case/caseFilters.ts';

// The administrators' pages (product.md: accounts, single sign-on, tokens, backups; the
// directory read only; no case content): people's accounts, invitations by e-mail,
// deactivating and reactivating, and the directory to read.

const TIME_ZONE = 'Europe/London';
const personParams = z.object({ personId: z.uuid() });
const partnershipParams = z.object({ partnershipId: z.string().min(1).max(100) });
const sorts = ['name', 'partnership', 'last-signed-in'] as const;
type Sort = (typeof sorts)[number];
const listQuery = z.object({
  partnership: z.string().max(100).optional().catch(undefined),
  never: z.literal('yes').optional().catch(undefined),
  sort: z.enum(sorts).optional().catch(undefined),
  order: z.enum(['ascending', 'descending']).optional().catch(undefined),
});
const doneBanners: Record<string, (email: string) => string> = {
  invited: (email) => `Invitation sent to ${email}`,
  resent: (email) =>
    `A new invitation has been sent to ${email}. The link in the earlier one no longer works`,
  revoked: () => 'Invitation revoked. Its link no longer works',
  deactivated: () => 'Account deactivated. They have been signed out and cannot sign in',
  reactivated: () => 'Account reactivated. They can sign in again',
};

export async function adminRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);
  // Every page here is for administrators only: anyone else is told it is not for them.
  app.addHook('preHandler', async (request) => {
    if (request.actor && !canManageAccounts(request.actor)) {
      throw new Forbidden('Only an administrator can see this page');
    }
  });

  const when = (at: string | null | undefined) =>
    at ? formatInstant(Temporal.Instant.from(at), TIME_ZONE) : undefined;

  async function names(request: FastifyRequest) {
    const context = webContext(request);
    const partnerships = await services.listPartnerships(context);
    const agencies = new Map<string, string>();
    for (const partnership of partnerships) {
      for (const agency of await services.listAgencies(partnership.id, context)) {
        agencies.set(agency.id, agency.name);
      }
    }
    return {
      partnerships,
      partnershipName: new Map(partnerships.map((p) => [p.id, p.name])),
      agencies,
    };
  }

  function statusOf(account: AccountListing) {
    if (!account.active) return { text: 'Deactivated', colour: 'govuk-tag--grey' };
    if (account.invitation) return { text: 'Invited', colour: 'govuk-tag--blue' };
    if (!account.lastSignedInAt) return { text: 'Never signed in', colour: 'govuk-tag--yellow' };
    return { text: 'Active', colour: 'govuk-tag--green' };
  }

  /** What the list and a person's page say of an account beside its name. */
  function accountInWords(
    account: AccountListing,
    { partnershipName, agencies }: Awaited<ReturnType<typeof names>>,
  ) {
    return {
      partnership: account.partnershipId
        ? partnershipName.get(account.partnershipId)
        : 'No partnership',
      agency: account.agencyId ? agencies.get(account.agencyId) : undefined,
      lastSignedIn: when(account.lastSignedInAt) ?? 'Never',
      status: statusOf(account),
    };
  }

  app.get('/admin/people', async (request, reply) => {
    const query = listQuery.parse(request.query ?? {});
    const named = await names(request);
    const { partnerships, partnershipName } = named;
    const partnershipId = partnerships.some((p) => p.id === query.partnership)
      ? query.partnership
      : undefined;
    const accounts = await services.listAccounts(
      { partnershipId, neverSignedIn: query.never === 'yes' },
      webContext(request),
    );
    const sort: Sort = query.sort ?? 'name';
    const order = query.order ?? 'ascending';
    const keyOf = (account: AccountListing) =>
      sort === 'partnership'
        ? (account.partnershipId && partnershipName.get(account.partnershipId)) || ''
        : sort === 'last-signed-in'
          ? (account.lastSignedInAt ?? '')
          : account.name;
    const sorted = [...accounts].sort((a, b) => {
      const compared = keyOf(a).localeCompare(keyOf(b)) || a.name.localeCompare(b.name);
      return order === 'ascending' ? compared : -compared;
    });
    const filters = { partnership: partnershipId, never: query.never };
    const header = (key: Sort, text: string) => {
      const current = sort === key;
      const next = current && order === 'ascending' ? 'descending' : 'ascending';
      return {
        text,
        ariaSort: current ? order : 'none',
        href: `/admin/people${queryString({ ...filters, sort: key, order: next })}`,
      };
    };
    return reply.render('admin/people.njk', {
      partnerships,
      filters,
      headers: [
        header('name', 'Name and status'),
        header('partnership', 'Partnership and agency'),
        header('last-signed-in', 'Last signed in'),
      ],
      people: sorted.map((account) => ({
        id: account.id,
        name: account.name,
        email: account.email,
        ...accountInWords(account, named),
      })),
    });
  });

  async function showPerson(
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    extra: { errors?: Record<string, string>; status?: number } = {},
  ) {
    const account = await services.readAccount(personId, webContext(request));
    const named = await names(request);
    const done = (request.query as Record<string, string | undefined>).done;
    const errors = extra.errors ?? {};
    return reply.code(extra.status ?? 200).render('admin/person.njk', {
      csrfToken: reply.generateCsrf(),
      person: {
        ...account,
        ...accountInWords(account, named),
        invitedAt: when(account.invitation?.createdAt),
        invitationExpires: when(account.invitation?.expiresAt),
      },
      isSelf: (request.actor as Actor).personId === account.id,
      banner: done && doneBanners[done]?.(account.email),
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/admin/people/:personId', async (request, reply) => {
    const params = personParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    return showPerson(request, reply, params.data.personId);
  });

  // Deactivating asks first (a GOV.UK question page), since it signs the person out at once.
  app.get('/admin/people/:personId/deactivate', async (request, reply) => {
    const params = personParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const account = await services.readAccount(params.data.personId, webContext(request));
    if (!account.active) return reply.redirect(`/admin/people/${account.id}`, 303);
    return reply.render('admin/deactivate.njk', {
      csrfToken: reply.generateCsrf(),
      person: account,
      isSelf: (request.actor as Actor).personId === account.id,
    });
  });

  /** A POST on a person's account: the change, then back to their page saying what was done. */
  const change = (
    path: string,
    act: (personId: string, request: FastifyRequest) => Promise<string>,
  ) =>
    app.post(`/admin/people/:personId/${path}`, async (request, reply) => {
      const params = personParams.safeParse(request.params);
      if (!params.success) return reply.callNotFound();
      const { personId } = params.data;
      try {
        const done = await act(personId, request);
        return reply.redirect(`/admin/people/${personId}?done=${done}`, 303);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        const errors = Object.fromEntries(error.errors.map((e) => [e.path, e.message]));
        return showPerson(request, reply, personId, { errors, status: 400 });
      }
    });

  change('invitation', async (personId, request) =>
    (await services.sendInvitation(personId, webContext(request))).resent ? 'resent' : 'invited',
  );
  change('invitation/revoke', async (personId, request) => {
    await services.revokeInvitation(personId, webContext(request));
    return 'revoked';
  });
  change('deactivate', async (personId, request) => {
    await services.setAccountActive({ personId, active: false }, webContext(request));
    return 'deactivated';
  });
  change('reactivate', async (personId, request) => {
    await services.setAccountActive({ personId, active: true }, webContext(request));
    return 'reactivated';
  });

  app.get('/admin/directory', async (request, reply) => {
    const context = webContext(request);
    const partnerships = await services.listPartnerships(context);
    return reply.render('admin/directory.njk', {
      partnerships: await Promise.all(
        partnerships.map(async (partnership) => ({
          ...partnership,
          agencies: (await services.listAgencies(partnership.id, context)).length,
          localAuthorities: (await services.listLocalAuthorities(partnership.id, context)).length,
        })),
      ),
    });
  });

  app.get('/admin/directory/:partnershipId', async (request, reply) => {
    const params = partnershipParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const { partnershipId } = params.data;
    const context = webContext(request);
    const partnership = (await services.listPartnerships(context)).find(
      (p) => p.id === partnershipId,
    );
    if (!partnership) return reply.callNotFound();
    const localAuthorities = await services.listLocalAuthorities(partnershipId, context);
    const agencies = await services.listAgencies(partnershipId, context);
    const agencyName = new Map(agencies.map((agency) => [agency.id, agency.name]));
    const laName = new Map(localAuthorities.map((la) => [la.id, la.name]));
    // Reading people is audited (people.read), as the API's read is.
    const people = await services.listPeople(partnershipId, context);
    return reply.render('admin/partnership.njk', {
      partnership,
      localAuthorities,
      agencies: agencies.map((agency) => ({
        ...agency,
        kindName: agencyKindNames[agency.kind],
        localAuthority: agency.localAuthorityId ? laName.get(agency.localAuthorityId) : undefined,
      })),
      people: people.map((person) => ({
        id: person.id,
        name: person.name,
        email: person.email,
        jobTitle: person.jobTitle,
        roles: person.roles.map((role) => roleNames[role] ?? role).join(', '),
        agency: person.agencyId ? agencyName.get(person.agencyId) : 'The partnership',
        active: person.active,
      })),
    });
  });
}
