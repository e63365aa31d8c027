import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  formatClockTime,
  formatDate,
  listInWords,
  weekdayName,
} from '../../../domain/calendar/formatting.ts';
import { caseReference } from '../../../domain/directory/referencePrefix.ts';
import {
  servicePageKinds,
  servicePageNames,
  servicePageTitles,
} from '../../../domain/servicePages/defaultServicePages.ts';
import { agencyKindNames, calendarNames, roleNames } from '../../../domain/vocabularyNames.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { changedOn } from '../servicePages/servicePageRoutes.ts';
import { directoryFormPage, partnershipOf } from './directoryFormPage.ts';
import { directoryPages } from './directoryPages.ts';

/** The partnership team's directory: the page that lists it, and a form page for each change. */
export async function directoryRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);

  const overview = (request: FastifyRequest) =>
    services.directoryOverview(partnershipOf(request), webContext(request));

  app.get('/directory', async (request, reply) => {
    const {
      partnership,
      localAuthorities,
      agencies,
      onCallContacts,
      people,
      teams,
      regions,
      meetingPlaces,
    } = await overview(request);
    const names = new Map([
      ...agencies.map((a) => [a.id, a.name] as const),
      ...localAuthorities.map((la) => [la.id, la.name] as const),
    ]);
    const personNames = new Map(people.map((person) => [person.id, person.name]));
    // Each person's level as the protocol in force names it.
    const { protocol } = await services.protocolInForce(partnership.id, webContext(request));
    const levelNames = new Map(protocol.levels.map((level) => [level.id, level.name]));
    const { workingTime } = partnership;
    const retention = await services.retentionSettings({}, webContext(request));
    const servicePages = await services.servicePagesOfTeam(
      { pages: servicePageKinds },
      webContext(request),
    );
    return reply.render('directory/directory.njk', {
      partnership,
      retentionPeriod: `${retention.months} months after a case ends`,
      purgedNext: retention.purgedNext === 1 ? '1 case' : `${retention.purgedNext} cases`,
      exampleReference: caseReference(
        partnership.referencePrefix,
        services.clock.now().toZonedDateTimeISO(workingTime.timeZone).year,
        1,
      ),
      saved: (request.query as Record<string, string>).saved,
      servicePageRows: servicePageKinds.map((kind) => {
        const stored = servicePages.get(kind);
        return {
          key: { text: servicePageTitles[kind] },
          value: {
            text: stored
              ? `Your own text, changed on ${changedOn(stored)}`
              : 'Accord’s default text',
          },
          actions: {
            items: [
              {
                href: `/directory/pages/${kind}`,
                text: 'Change',
                visuallyHiddenText: `the ${servicePageNames[kind]}`,
              },
            ],
          },
        };
      }),
      calendarName: calendarNames[workingTime.region],
      workingHours: `${formatClockTime(Temporal.PlainTime.from(workingTime.workingHours.start))} to ${formatClockTime(Temporal.PlainTime.from(workingTime.workingHours.end))}`,
      workingDays: listInWords(
        [...(workingTime.workingWeekdays ?? [1, 2, 3, 4, 5])]
          .sort((a, b) => a - b)
          .map(weekdayName),
      ),
      closureDays: (workingTime.closureDays ?? []).map((day) => ({
        key: { text: formatDate(Temporal.PlainDate.from(day.date)) },
        value: { text: day.name },
        actions: {
          items: [
            {
              href: `/directory/closure-days/${day.date}/remove`,
              text: 'Remove',
              visuallyHiddenText: `the closure day on ${formatDate(Temporal.PlainDate.from(day.date))}`,
            },
          ],
        },
      })),
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
      meetingPlaceRows: meetingPlaces.map((place) => [place.name, place.address ?? '']),
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
        levelNames.get(person.level ?? '') ?? person.level ?? '',
        personNames.get(person.lineManagerId ?? '') ?? '',
      ]),
    });
  });

  for (const form of directoryPages) directoryFormPage(app, services, form);
}
