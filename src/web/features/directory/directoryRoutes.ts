import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, canInPartnership, grantableRoles } from '../../../domain/access/can.ts';
import { formatClockTime, formatDate, listInWords } from '../../../domain/calendar/formatting.ts';
import { Conflict, Forbidden, Invalid } from '../../../domain/errors.ts';
import { agencyKindNames, calendarNames, roleNames } from '../../../domain/vocabularyNames.ts';
import type { Fields, FormBody, FormErrors, FormValues } from '../../../forms/fields.ts';
import {
  bodyOf,
  checkFields,
  errorList,
  errorsFromDomain,
  fieldViews,
} from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { reauthenticated } from '../../reauthenticate.ts';
import { webContext } from '../../requestContext.ts';
import { requireSignIn } from '../../requireSignIn.ts';
import {
  agencyFields,
  closureDayFields,
  localAuthorityFields,
  onCallFields,
  personChangesFields,
  personFields,
  regionFields,
  rolesFields,
  teamFields,
  workingTimeFields,
} from './directoryFields.ts';

export async function directoryRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.addHook('preHandler', requireSignIn);

  function partnershipOf(request: FastifyRequest): string {
    const actor = request.actor as Actor;
    if (!actor.partnershipId || !canInPartnership(actor, 'manage-directory', actor.partnershipId)) {
      throw new Forbidden('Only the partnership team can manage the directory');
    }
    return actor.partnershipId;
  }

  const overview = (request: FastifyRequest) =>
    services.directoryOverview(partnershipOf(request), webContext(request));

  app.get('/directory', async (request, reply) => {
    const { partnership, localAuthorities, agencies, onCallContacts, people, teams, regions } =
      await overview(request);
    const names = new Map([
      ...agencies.map((a) => [a.id, a.name] as const),
      ...localAuthorities.map((la) => [la.id, la.name] as const),
    ]);
    const personNames = new Map(people.map((person) => [person.id, person.name]));
    const { workingTime } = partnership;
    return reply.render('directory/directory.njk', {
      partnership,
      saved: (request.query as Record<string, string>).saved,
      calendarName: calendarNames[workingTime.region],
      workingHours: `${formatClockTime(Temporal.PlainTime.from(workingTime.workingHours.start))} to ${formatClockTime(Temporal.PlainTime.from(workingTime.workingHours.end))}`,
      closureDays: listInWords(
        (workingTime.closureDays ?? []).map(
          (day) => `${formatDate(Temporal.PlainDate.from(day.date))} (${day.name})`,
        ),
      ),
      onCallRows: onCallContacts.map((contact) => [
        contact.name,
        contact.telephone,
        contact.notes ?? '',
      ]),
      localAuthorityRows: localAuthorities.map((la) => [
        la.name,
        la.frontDoorName,
        la.monitoringTeamName,
      ]),
      agencyRows: agencies.map((agency) => [
        agency.name,
        agencyKindNames[agency.kind],
        names.get(agency.localAuthorityId ?? '') ?? '',
      ]),
      teamRows: teams.map((team) => [team.name, names.get(team.agencyId) ?? '']),
      regionRows: regions.map((region) => [region.name]),
      peopleRows: people.map((person) => [
        {
          text: person.active ? person.name : `${person.name} (no longer active)`,
          href: `/directory/people/${person.id}`,
        },
        person.email,
        names.get(person.agencyId ?? '') ?? '',
        {
          text: person.roles.map((role) => roleNames[role]).join(', ') || 'None',
          href: `/directory/people/${person.id}/roles`,
        },
        personNames.get(person.lineManagerId ?? '') ?? '',
      ]),
    });
  });

  /**
   * A form page: shows its fields (with their answers so far), and on a valid submission calls
   * `save` and goes back to the directory, saying what was done.
   */
  function formPage<F extends Fields>(
    path: string,
    page: {
      title: string;
      submitText: string;
      intro?: string;
      saved: string;
      fields: (request: FastifyRequest) => Promise<F> | F;
      /** The answers shown when the page is first opened: what the directory holds now. */
      defaults?: (request: FastifyRequest) => Promise<FormBody>;
      /** Saves the answers; problems to show instead (401), if any. */
      save: (request: FastifyRequest, values: FormValues<F>) => Promise<FormErrors | undefined>;
    },
  ) {
    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: FormBody,
      errors: FormErrors,
      status = 200,
    ) => {
      const fields = await page.fields(request);
      return reply.code(status).render('directory/form.njk', {
        pageTitle: page.title,
        intro: page.intro,
        submitText: page.submitText,
        action: request.url.split('?')[0],
        csrfToken: reply.generateCsrf(),
        fields: fieldViews(fields, values, errors),
        errorList: errorList(errors, fields),
      });
    };
    app.get(path, async (request, reply) => {
      partnershipOf(request);
      return show(request, reply, (await page.defaults?.(request)) ?? {}, {});
    });
    app.post(path, async (request, reply) => {
      partnershipOf(request);
      const fields = await page.fields(request);
      const body = bodyOf(request.body);
      const form = checkFields(fields, body);
      if (!form.ok) return show(request, reply, body, form.errors, 400);
      try {
        const problems = await page.save(request, form.values);
        if (problems) return show(request, reply, body, problems, 401);
      } catch (error) {
        const first = Object.keys(fields)[0] ?? 'name';
        if (error instanceof Conflict) {
          return show(request, reply, body, { [first]: error.message }, 409);
        }
        if (!(error instanceof Invalid) || error.errors.length === 0) throw error;
        return show(request, reply, body, errorsFromDomain(error, fields) ?? {}, 400);
      }
      return reply.redirect(`/directory?saved=${encodeURIComponent(page.saved)}`, 303);
    });
  }

  const grantable = (request: FastifyRequest) => grantableRoles(request.actor as Actor);
  const personOf = async (request: FastifyRequest) => {
    const overview = await overviewOf(request);
    const person = overview.people.find(
      (candidate) => candidate.id === (request.params as { personId: string }).personId,
    );
    if (!person) throw new Forbidden('There is no such person in your partnership');
    return { overview, person };
  };
  // Read once per request, however many parts of the page need it.
  const overviews = new WeakMap<FastifyRequest, ReturnType<typeof overview>>();
  const overviewOf = (request: FastifyRequest) => {
    let found = overviews.get(request);
    if (!found) {
      found = overview(request);
      overviews.set(request, found);
    }
    return found;
  };

  formPage('/directory/local-authorities/new', {
    title: 'Add a local authority',
    submitText: 'Add local authority',
    saved: 'Local authority added',
    fields: localAuthorityFields,
    save: async (request, values) => {
      await services.addLocalAuthority(values, webContext(request));
      return undefined;
    },
  });

  formPage('/directory/agencies/new', {
    title: 'Add an agency',
    submitText: 'Add agency',
    saved: 'Agency added',
    fields: async (request) => agencyFields((await overviewOf(request)).localAuthorities),
    save: async (request, values) => {
      await services.addAgency(values, webContext(request));
      return undefined;
    },
  });

  formPage('/directory/on-call-contacts/new', {
    title: 'Add an on-call contact',
    submitText: 'Add contact',
    saved: 'On-call contact added',
    fields: onCallFields,
    save: async (request, values) => {
      await services.addOnCallContact(values, webContext(request));
      return undefined;
    },
  });

  formPage('/directory/people/new', {
    title: 'Add a person',
    submitText: 'Add person',
    saved: 'Person added',
    fields: async (request) => {
      const { agencies, people } = await overviewOf(request);
      return personFields(agencies, people, grantable(request));
    },
    save: async (request, values) => {
      await services.addPerson(values, webContext(request));
      return undefined;
    },
  });

  formPage('/directory/teams/new', {
    title: 'Add a team',
    submitText: 'Add team',
    saved: 'Team added',
    fields: async (request) => teamFields((await overviewOf(request)).agencies),
    save: async (request, values) => {
      await services.addTeam(values, webContext(request));
      return undefined;
    },
  });

  formPage('/directory/regions/new', {
    title: 'Add a region',
    submitText: 'Add region',
    saved: 'Region added',
    fields: regionFields,
    save: async (request, values) => {
      await services.addRegion(values, webContext(request));
      return undefined;
    },
  });

  formPage('/directory/working-time', {
    title: 'Change working time',
    submitText: 'Save working time',
    intro:
      'Due times in working days end at the end of the working day, and skip weekends, bank holidays and closure days.',
    saved: 'Working time changed',
    fields: workingTimeFields,
    defaults: async (request) => {
      const { partnership } = await overviewOf(request);
      const { workingTime } = partnership;
      return {
        region: workingTime.region,
        start: workingTime.workingHours.start,
        end: workingTime.workingHours.end,
        reminderDays: String(partnership.reminderWorkingDays),
      };
    },
    save: async (request, values) => {
      const clock = (time: Temporal.PlainTime | null) =>
        time?.toString({ smallestUnit: 'minute' }) ?? '';
      await services.setWorkingTime(
        {
          region: values.region,
          workingHours: { start: clock(values.start), end: clock(values.end) },
          reminderWorkingDays: values.reminderDays,
        },
        webContext(request),
      );
      return undefined;
    },
  });

  formPage('/directory/closure-days/new', {
    title: 'Add a closure day',
    submitText: 'Add closure day',
    intro:
      'A day the partnership does not work, besides weekends and bank holidays. Working days are counted without it.',
    saved: 'Closure day added',
    fields: closureDayFields,
    save: async (request, values) => {
      await services.addClosureDay(
        { date: values.date?.toString() ?? '', name: values.name },
        webContext(request),
      );
      return undefined;
    },
  });

  formPage('/directory/people/:personId', {
    title: 'Change a person’s details',
    submitText: 'Save changes',
    saved: 'Details saved',
    fields: async (request) => {
      const { overview, person } = await personOf(request);
      return personChangesFields(person, overview);
    },
    defaults: async (request) => {
      const { person } = await personOf(request);
      return { ...person, active: person.active ? 'yes' : 'no' };
    },
    save: async (request, values) => {
      const { personId } = request.params as { personId: string };
      await services.updatePerson(
        { ...values, personId, active: values.active === 'yes' },
        webContext(request),
      );
      return undefined;
    },
  });

  formPage('/directory/people/:personId/roles', {
    title: 'Change roles',
    submitText: 'Change roles',
    intro: 'Roles decide what a person can see and do. Enter your password to confirm the change.',
    saved: 'Roles changed',
    fields: async (request) => {
      const { person } = await personOf(request);
      const askPassword = await services.hasPassword((request.actor as Actor).personId);
      return rolesFields(person, grantable(request), askPassword);
    },
    defaults: async (request) => ({ roles: (await personOf(request)).person.roles }),
    save: async (request, values) => {
      const password = 'password' in values ? values.password : undefined;
      const confirmed = await reauthenticated(services, request, password);
      if (!confirmed) return { password: 'Enter your password correctly to change roles' };
      const { personId } = request.params as { personId: string };
      await services.setRoles({ personId, roles: values.roles }, webContext(request));
      return undefined;
    },
  });
}
