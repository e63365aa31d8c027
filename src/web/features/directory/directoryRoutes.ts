import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type Actor, canInPartnership, grantableRoles } from '../../../domain/access/can.ts';
import { formatClockTime, formatDate, listInWords } from '../../../domain/calendar/formatting.ts';
import { Conflict, Forbidden, Invalid } from '../../../domain/errors.ts';
import { agencyKinds } from '../../../domain/vocabulary.ts';
import { agencyKindNames, calendarNames, roleNames } from '../../../domain/vocabularyNames.ts';
import type { Services } from '../../../services.ts';
import { checkForm, errorList, type FormErrors } from '../../forms.ts';
import { reauthenticated } from '../../reauthenticate.ts';
import { webContext } from '../../requestContext.ts';
import { requireSignIn } from '../../requireSignIn.ts';
import {
  agencyForm,
  closureDayForm,
  localAuthorityForm,
  onCallForm,
  personChangesForm,
  personForm,
  regionForm,
  rolesForm,
  teamForm,
  workingTimeForm,
} from './directoryForms.ts';

type Field = {
  kind?: 'select' | 'checkboxes' | 'password' | 'date';
  name: string;
  label: string;
  hint?: string;
  type?: string;
  autocomplete?: string;
  items?: { value: string; text: string; selected?: boolean; checked?: boolean }[];
};

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

  /** A form page: shows it, and on a valid submission calls `save` and returns to the directory. */
  function formPage<S extends z.ZodType>(
    path: string,
    page: { title: string; submitText: string; intro?: string; saved: string },
    schema: S,
    fields: (request: FastifyRequest, values: Record<string, unknown>) => Promise<Field[]>,
    save: (request: FastifyRequest, data: z.output<S>) => Promise<FormErrors | undefined>,
  ) {
    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      errors: FormErrors,
      status = 200,
    ) =>
      reply.code(status).render('directory/form.njk', {
        pageTitle: page.title,
        intro: page.intro,
        submitText: page.submitText,
        action: request.url.split('?')[0],
        csrfToken: reply.generateCsrf(),
        fields: await fields(request, values),
        values,
        errors,
        errorList: errorList(errors),
      });
    app.get(path, async (request, reply) => {
      partnershipOf(request);
      return show(request, reply, {}, {});
    });
    app.post(path, async (request, reply) => {
      partnershipOf(request);
      const form = checkForm(schema, request.body);
      if (!form.ok) return show(request, reply, form.values, form.errors, 400);
      const values = (request.body ?? {}) as Record<string, unknown>;
      try {
        const problems = await save(request, form.data);
        if (problems) return show(request, reply, values, problems, 401);
      } catch (error) {
        if (error instanceof Conflict)
          return show(request, reply, values, { name: error.message }, 409);
        if (!(error instanceof Invalid) || error.errors.length === 0) throw error;
        const errors = Object.fromEntries(
          error.errors.map((problem) => [problem.path, problem.message]),
        );
        return show(request, reply, values, errors, 400);
      }
      return reply.redirect(`/directory?saved=${encodeURIComponent(page.saved)}`, 303);
    });
  }

  const choose = (
    values: Record<string, unknown>,
    name: string,
    options: { value: string; text: string }[],
    none: string,
  ) => [
    { value: '', text: none },
    ...options.map((option) => ({ ...option, selected: values[name] === option.value })),
  ];
  const roleChoices = (request: FastifyRequest, chosen: unknown) => {
    const picked = new Set([chosen ?? []].flat());
    return grantableRoles(request.actor as Actor).map((role) => ({
      value: role,
      text: roleNames[role],
      checked: picked.has(role),
    }));
  };

  formPage(
    '/directory/local-authorities/new',
    {
      title: 'Add a local authority',
      submitText: 'Add local authority',
      saved: 'Local authority added',
    },
    localAuthorityForm,
    async () => [
      { name: 'name', label: 'Name', hint: 'For example, Blackpool Council' },
      {
        name: 'frontDoorName',
        label: 'What its front door is called',
        hint: 'For example, MASH or Request for Support Hub',
      },
      {
        name: 'monitoringTeamName',
        label: 'What its monitoring team is called',
        hint: 'For example, CSAP team or MASA team',
      },
      {
        name: 'monitoringTeamEmail',
        label: 'Monitoring team’s e-mail address (optional)',
        type: 'email',
      },
    ],
    async (request, data) => {
      await services.addLocalAuthority(data, webContext(request));
    },
  );

  formPage(
    '/directory/agencies/new',
    { title: 'Add an agency', submitText: 'Add agency', saved: 'Agency added' },
    agencyForm,
    async (request, values) => {
      const localAuthorities = await services.listLocalAuthorities(
        partnershipOf(request),
        webContext(request),
      );
      return [
        { name: 'name', label: 'Name', hint: 'For example, Brookside Primary School' },
        {
          kind: 'select',
          name: 'kind',
          label: 'Kind of agency',
          items: choose(
            values,
            'kind',
            agencyKinds.map((kind) => ({ value: kind, text: agencyKindNames[kind] })),
            'Choose one',
          ),
        },
        {
          kind: 'select',
          name: 'localAuthorityId',
          label: 'Local authority (optional)',
          items: choose(
            values,
            'localAuthorityId',
            localAuthorities.map((la) => ({ value: la.id, text: la.name })),
            'None',
          ),
        },
      ];
    },
    async (request, data) => {
      await services.addAgency(data, webContext(request));
    },
  );

  formPage(
    '/directory/on-call-contacts/new',
    { title: 'Add an on-call contact', submitText: 'Add contact', saved: 'On-call contact added' },
    onCallForm,
    async () => [
      { name: 'name', label: 'Who to call', hint: 'For example, Emergency duty team' },
      { name: 'telephone', label: 'Telephone number', type: 'tel', autocomplete: 'off' },
      { name: 'notes', label: 'Notes (optional)', hint: 'For example, when they can be called' },
    ],
    async (request, data) => {
      await services.addOnCallContact(data, webContext(request));
    },
  );

  formPage(
    '/directory/people/new',
    { title: 'Add a person', submitText: 'Add person', saved: 'Person added' },
    personForm,
    async (request, values) => {
      const { agencies, people } = await overview(request);
      return [
        { name: 'name', label: 'Full name' },
        { name: 'email', label: 'E-mail address', type: 'email' },
        { name: 'jobTitle', label: 'Job title (optional)' },
        { name: 'telephone', label: 'Telephone number (optional)', type: 'tel' },
        {
          kind: 'select',
          name: 'agencyId',
          label: 'Agency',
          items: choose(
            values,
            'agencyId',
            agencies.map((a) => ({ value: a.id, text: a.name })),
            'None (for example, partnership team)',
          ),
        },
        {
          kind: 'select',
          name: 'lineManagerId',
          label: 'Line manager (optional)',
          items: choose(
            values,
            'lineManagerId',
            people.map((p) => ({ value: p.id, text: p.name })),
            'None',
          ),
        },
        {
          kind: 'checkboxes',
          name: 'roles',
          label: 'Roles',
          hint: 'Select all that apply.',
          items: roleChoices(request, values.roles),
        },
      ];
    },
    async (request, data) => {
      await services.addPerson(data, webContext(request));
    },
  );

  formPage(
    '/directory/teams/new',
    { title: 'Add a team', submitText: 'Add team', saved: 'Team added' },
    teamForm,
    async (request, values) => {
      const agencies = await services.listAgencies(partnershipOf(request), webContext(request));
      return [
        {
          kind: 'select',
          name: 'agencyId',
          label: 'Agency',
          items: choose(
            values,
            'agencyId',
            agencies.map((a) => ({ value: a.id, text: a.name })),
            'Choose one',
          ),
        },
        { name: 'name', label: 'Team name', hint: 'For example, Duty and assessment' },
      ];
    },
    async (request, data) => {
      await services.addTeam(data, webContext(request));
    },
  );

  formPage(
    '/directory/regions/new',
    { title: 'Add a region', submitText: 'Add region', saved: 'Region added' },
    regionForm,
    async () => [{ name: 'name', label: 'Region name', hint: 'For example, East' }],
    async (request, data) => {
      await services.addRegion(data, webContext(request));
    },
  );

  formPage(
    '/directory/working-time',
    {
      title: 'Change working time',
      submitText: 'Save working time',
      intro:
        'Due times in working days end at the end of the working day, and skip weekends, bank holidays and closure days.',
      saved: 'Working time changed',
    },
    workingTimeForm,
    async (request, values) => {
      const { partnership } = await overview(request);
      const { workingTime } = partnership;
      const current: Record<string, unknown> = Object.keys(values).length
        ? values
        : {
            region: workingTime.region,
            start: workingTime.workingHours.start,
            end: workingTime.workingHours.end,
            reminderDays: String(partnership.reminderWorkingDays),
          };
      Object.assign(values, current);
      return [
        {
          kind: 'select',
          name: 'region',
          label: 'Bank holidays',
          items: choose(
            current,
            'region',
            Object.entries(calendarNames).map(([value, text]) => ({ value, text })),
            'Choose one',
          ),
        },
        { name: 'start', label: 'Working day starts', hint: 'For example, 09:00' },
        { name: 'end', label: 'Working day ends', hint: 'For example, 17:00' },
        {
          kind: 'select',
          name: 'reminderDays',
          label: 'Remind people before a stage is due',
          hint: 'At the start of the working day, this many working days before',
          items: ['1', '2', '3', '4', '5'].map((value) => ({
            value,
            text: value === '1' ? '1 working day before' : `${value} working days before`,
            selected: String(current.reminderDays ?? '1') === value,
          })),
        },
      ];
    },
    async (request, data) => {
      await services.setWorkingTime(
        {
          region: data.region,
          workingHours: { start: data.start, end: data.end },
          reminderWorkingDays: data.reminderDays,
        },
        webContext(request),
      );
    },
  );

  formPage(
    '/directory/closure-days/new',
    {
      title: 'Add a closure day',
      submitText: 'Add closure day',
      intro:
        'A day the partnership does not work, besides weekends and bank holidays. Working days are counted without it.',
      saved: 'Closure day added',
    },
    closureDayForm,
    async () => [
      { kind: 'date', name: 'date', label: 'Date', hint: 'For example, 24 12 2026' },
      {
        name: 'name',
        label: 'Why the partnership is closed',
        hint: 'For example, Christmas Eve closure',
      },
    ],
    async (request, data) => {
      await services.addClosureDay(data, webContext(request));
    },
  );

  formPage(
    '/directory/people/:personId',
    { title: 'Change a person’s details', submitText: 'Save changes', saved: 'Details saved' },
    personChangesForm,
    async (request, values) => {
      const { agencies, people, teams, regions } = await overview(request);
      const person = people.find(
        (candidate) => candidate.id === (request.params as { personId: string }).personId,
      );
      if (!person) throw new Forbidden('There is no such person in your partnership');
      const current: Record<string, unknown> = Object.keys(values).length
        ? values
        : { ...person, active: person.active ? 'yes' : 'no' };
      Object.assign(values, current);
      return [
        { name: 'name', label: 'Full name' },
        { name: 'jobTitle', label: 'Job title (optional)' },
        { name: 'telephone', label: 'Telephone number (optional)', type: 'tel' },
        {
          kind: 'select',
          name: 'agencyId',
          label: 'Agency',
          items: choose(
            current,
            'agencyId',
            agencies.map((a) => ({ value: a.id, text: a.name })),
            'None',
          ),
        },
        {
          kind: 'select',
          name: 'teamId',
          label: 'Team (optional)',
          items: choose(
            current,
            'teamId',
            teams.map((t) => ({
              value: t.id,
              text: `${t.name} (${agencies.find((a) => a.id === t.agencyId)?.name ?? ''})`,
            })),
            'None',
          ),
        },
        {
          kind: 'select',
          name: 'regionId',
          label: 'Region (optional)',
          items: choose(
            current,
            'regionId',
            regions.map((r) => ({ value: r.id, text: r.name })),
            'None',
          ),
        },
        {
          kind: 'select',
          name: 'lineManagerId',
          label: 'Line manager (optional)',
          items: choose(
            current,
            'lineManagerId',
            people.filter((p) => p.id !== person.id).map((p) => ({ value: p.id, text: p.name })),
            'None',
          ),
        },
        {
          kind: 'select',
          name: 'active',
          label: 'Do they still use Accord?',
          hint: 'Someone who has left can no longer sign in; what they did stays in the record.',
          items: choose(
            current,
            'active',
            [
              { value: 'yes', text: 'Yes' },
              { value: 'no', text: 'No, they have left or no longer need it' },
            ],
            'Choose one',
          ),
        },
      ];
    },
    async (request, data) => {
      const { personId } = request.params as { personId: string };
      await services.updatePerson(
        { ...data, personId, active: data.active === 'yes' },
        webContext(request),
      );
    },
  );

  formPage(
    '/directory/people/:personId/roles',
    {
      title: 'Change roles',
      submitText: 'Change roles',
      intro:
        'Roles decide what a person can see and do. Enter your password to confirm the change.',
      saved: 'Roles changed',
    },
    rolesForm,
    async (request, values) => {
      const actor = request.actor as Actor;
      const { people } = await overview(request);
      const person = people.find(
        (candidate) => candidate.id === (request.params as { personId: string }).personId,
      );
      if (!person) throw new Forbidden('There is no such person in your partnership');
      return [
        {
          kind: 'checkboxes',
          name: 'roles',
          label: `Roles of ${person.name}`,
          items: roleChoices(request, values.roles ?? person.roles),
        },
        ...((await services.hasPassword(actor.personId))
          ? [{ kind: 'password' as const, name: 'password', label: 'Your password' }]
          : []),
      ];
    },
    async (request, data) => {
      const confirmed = await reauthenticated(services, request, data.password);
      if (!confirmed) return { password: 'Enter your password correctly to change roles' };
      const { personId } = request.params as { personId: string };
      await services.setRoles({ personId, roles: data.roles }, webContext(request));
    },
  );
}
