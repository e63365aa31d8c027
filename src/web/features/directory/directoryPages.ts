import type { Actor } from '../../../domain/access/can.ts';
import { formatDate } from '../../../domain/calendar/formatting.ts';
import { givenRoles, levelsFor } from '../../../domain/directory/levels.ts';
import { NotFound } from '../../../domain/errors.ts';
import { weekdays } from '../../../domain/vocabulary.ts';
import type { RequestContext } from '../../../services/requestContext.ts';
import type { Services } from '../../../services.ts';
import { reauthenticated } from '../../reauthenticate.ts';
import {
  agencyFields,
  closureDayFields,
  localAuthorityFields,
  meetingPlaceFields,
  onCallFields,
  personChangesFields,
  personFields,
  regionFields,
  retentionFields,
  rolesFields,
  teamFields,
  workingTimeFields,
} from './directoryFields.ts';
import { type DirectoryPage, type DirectoryPageContext, page } from './directoryFormPage.ts';

/** A page whose answers are exactly its service's input: saved by passing them on. */
const saveWith =
  <Input>(
    use: (services: Services) => (input: Input, context: RequestContext) => Promise<unknown>,
  ) =>
  async ({ services, context }: DirectoryPageContext, values: Input) => {
    await use(services)(values, context);
    return undefined;
  };

/** The partnership team's form pages, each saved through its service. */
export const directoryPages: readonly DirectoryPage[] = [
  page({
    path: '/directory/local-authorities/new',
    title: 'Add a local authority',
    submitText: 'Add local authority',
    saved: 'Local authority added',
    fields: localAuthorityFields,
    save: saveWith((services) => services.addLocalAuthority),
  }),

  page({
    path: '/directory/agencies/new',
    title: 'Add an agency',
    submitText: 'Add agency',
    saved: 'Agency added',
    fields: async ({ overview }) => agencyFields((await overview()).localAuthorities),
    save: saveWith((services) => services.addAgency),
  }),

  page({
    path: '/directory/on-call-contacts/new',
    title: 'Add an on-call contact',
    submitText: 'Add contact',
    saved: 'On-call contact added',
    fields: onCallFields,
    save: saveWith((services) => services.addOnCallContact),
  }),

  page({
    path: '/directory/people/new',
    title: 'Add a person',
    submitText: 'Add person',
    saved: 'Person added',
    fields: async ({ overview, grantable, levels }) => {
      const { agencies, people } = await overview();
      return personFields(agencies, people, grantable, await levels());
    },
    save: saveWith((services) => services.addPerson),
  }),

  page({
    path: '/directory/teams/new',
    title: 'Add a team',
    submitText: 'Add team',
    saved: 'Team added',
    fields: async ({ overview }) => teamFields((await overview()).agencies),
    save: saveWith((services) => services.addTeam),
  }),

  page({
    path: '/directory/regions/new',
    title: 'Add a region',
    submitText: 'Add region',
    saved: 'Region added',
    fields: regionFields,
    save: saveWith((services) => services.addRegion),
  }),

  page({
    path: '/directory/meeting-places/new',
    title: 'Add a meeting place',
    intro:
      'Meeting invitations name a place only from this list, or say the meeting is online. Anything else a chair types stays on the case.',
    submitText: 'Add meeting place',
    saved: 'Meeting place added',
    fields: meetingPlaceFields,
    save: saveWith((services) => services.addMeetingPlace),
  }),

  page({
    path: '/directory/working-time',
    title: 'Change working time',
    submitText: 'Save working time',
    intro:
      'Due times in working days end at the end of the working day, and skip weekends, bank holidays and closure days.',
    saved: 'Working time changed',
    fields: workingTimeFields,
    defaults: async ({ overview }) => {
      const { partnership } = await overview();
      const { workingTime } = partnership;
      return {
        region: workingTime.region,
        start: workingTime.workingHours.start,
        end: workingTime.workingHours.end,
        weekdays: (workingTime.workingWeekdays ?? [1, 2, 3, 4, 5]).flatMap(
          (day) => weekdays[day - 1] ?? [],
        ),
        reminderDays: String(partnership.reminderWorkingDays),
      };
    },
    save: async ({ services, context }, values) => {
      const clock = (time: Temporal.PlainTime | null) =>
        time?.toString({ smallestUnit: 'minute' }) ?? '';
      await services.setWorkingTime(
        {
          region: values.region,
          workingHours: { start: clock(values.start), end: clock(values.end) },
          workingWeekdays: values.weekdays,
          reminderWorkingDays: values.reminderDays,
        },
        context,
      );
      return undefined;
    },
  }),

  page({
    path: '/directory/retention',
    title: 'Change the retention period',
    submitText: 'Save retention period',
    intro: async ({ services, context }) => {
      const { months, purgedNext } = await services.retentionSettings({}, context);
      const cases = purgedNext === 1 ? '1 case' : `${purgedNext} cases`;
      return `Cases are kept for ${months} months after they end. After that, a daily job removes their children’s and families’ details and everything written on them, keeping only what the reports count. With the period as it is, its next run will remove the details of ${cases}.`;
    },
    saved: 'Retention period changed',
    fields: retentionFields,
    defaults: async ({ services, context }) => ({
      months: String((await services.retentionSettings({}, context)).months),
    }),
    save: saveWith((services) => services.setRetentionPeriod),
  }),

  page({
    path: '/directory/closure-days/new',
    title: 'Add a closure day',
    submitText: 'Add closure day',
    intro:
      'A day the partnership does not work, besides weekends and bank holidays. Working days are counted without it.',
    saved: 'Closure day added',
    fields: closureDayFields,
    save: async ({ services, context }, values) => {
      await services.addClosureDay(
        { date: values.date?.toString() ?? '', name: values.name },
        context,
      );
      return undefined;
    },
  }),

  page({
    path: '/directory/closure-days/:date/remove',
    title: 'Remove a closure day',
    submitText: 'Remove closure day',
    intro: async ({ overview, params }) => {
      const day = (await overview()).partnership.workingTime.closureDays?.find(
        (closure) => closure.date === params.date,
      );
      if (!day) throw new NotFound('There is no such closure day');
      return `${formatDate(Temporal.PlainDate.from(day.date))} (${day.name}) will be a working day again. Open disagreements' due times will be worked out again, and each will say why.`;
    },
    saved: 'Closure day removed',
    fields: () => ({}),
    save: async ({ services, context, params }) => {
      await services.removeClosureDay({ date: params.date ?? '' }, context);
      return undefined;
    },
  }),

  page({
    path: '/directory/people/:personId',
    title: 'Change a person’s details',
    submitText: 'Save changes',
    saved: 'Details saved',
    fields: async ({ overview, person }) => personChangesFields(await person(), await overview()),
    defaults: async ({ person }) => {
      const { active, ...details } = await person();
      return { ...details, active: active ? 'yes' : 'no' };
    },
    save: async ({ services, context, params }, values) => {
      const personId = params.personId ?? '';
      await services.updatePerson(
        { ...values, personId, active: values.active === 'yes' },
        context,
      );
      return undefined;
    },
  }),

  page({
    path: '/directory/people/:personId/roles',
    title: 'Change roles',
    submitText: 'Change roles',
    intro:
      'Roles, and the role a level counts as, decide what a person can see and do. Enter your password to confirm the change.',
    saved: 'Roles changed',
    fields: async ({ services, request, person, grantable, overview, levels }) => {
      const askPassword = await services.hasPassword((request.actor as Actor).personId);
      const chosen = await person();
      const kind = (await overview()).agencies.find((a) => a.id === chosen.agencyId)?.kind;
      return rolesFields(chosen, grantable, askPassword, levelsFor(await levels(), kind ?? null));
    },
    defaults: async ({ person }) => {
      // The roles given directly: the one only their level gives goes with the level.
      const chosen = await person();
      return { roles: givenRoles(chosen), level: chosen.level ?? '' };
    },
    save: async ({ services, context, request, params }, values) => {
      const password = 'password' in values ? values.password : undefined;
      const confirmed = await reauthenticated(services, request, password);
      if (!confirmed) return { password: 'Enter your password correctly to change roles' };
      const personId = params.personId ?? '';
      // Without levels the person could hold, the page has no level question: theirs stays.
      const level = 'level' in values ? { level: values.level } : {};
      await services.setRoles({ personId, roles: values.roles, ...level }, context);
      return undefined;
    },
  }),
];
