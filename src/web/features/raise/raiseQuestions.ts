import type { FastifyInstance, FastifyRequest } from 'fastify';
import { whichOf } from '../../../domain/calendar/localDateTime.ts';
import { isoInstant } from '../../../domain/clock.ts';
import { caseTerms } from '../../../domain/protocol/caseTerms.ts';
import { pathwayForCategory } from '../../../domain/protocol/ladder.ts';
import { offeredCategories, offersCategory } from '../../../domain/protocol/offeredCategories.ts';
import { GENERAL_PATHWAY } from '../../../domain/vocabulary.ts';
import { dateValues } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import type { RaiseDraft } from './raiseDraft.ts';
import {
  categoryFields,
  concernFields,
  familyFields,
  familyRules,
  localAuthorityFields,
  otherAgencyFields,
  otherProfessionalFields,
  parentsOf,
  raisedAtOf,
  whenFields,
  whenRules,
} from './raiseFields.ts';
import { otherAgencies, pathwayName, questionPage, raiser, today } from './raiseFlow.ts';
import { forgetPathwayNotAllowed } from './raisePathway.ts';

// Past this many agencies a list of radios is too long to scan: a select is easier.
const MOST_AGENCY_RADIOS = 12;

/** The question pages that ask one thing each: who, what about, where, the family, the concern, when. */
export function raiseQuestions(app: FastifyInstance, services: Services) {
  // 2. The other agency, then (optionally) the professional in it.
  questionPage(app, services, 'other-agency', {
    fields: async (request) => {
      const agencies = await otherAgencies(services, request);
      return otherAgencyFields(
        agencies.map((agency) => ({ value: agency.id, text: agency.name })),
        agencies.length > MOST_AGENCY_RADIOS,
      );
    },
    context: async (request) => ({
      hasAgencies: (await otherAgencies(services, request)).length > 0,
    }),
    current: ({ draft }) => ({ otherAgencyId: draft.otherAgencyId }),
    keep: async (request, { draft }, values) => {
      if (
        !(await otherAgencies(services, request)).some(
          (agency) => agency.id === values.otherAgencyId,
        )
      ) {
        return { otherAgencyId: 'Select the agency you disagree with' };
      }
      if (draft.otherAgencyId !== values.otherAgencyId) delete draft.otherPerson;
      draft.otherAgencyId = values.otherAgencyId;
      return undefined;
    },
  });

  const peopleOfOtherAgency = async (request: FastifyRequest, draft: RaiseDraft) => {
    const people = await services.listPeople(raiser(request).partnershipId, webContext(request));
    return people.filter((person) => person.active && person.agencyId === draft.otherAgencyId);
  };
  questionPage(app, services, 'other-professional', {
    fields: async (request, { draft }) => {
      const agencies = await otherAgencies(services, request);
      const people = await peopleOfOtherAgency(request, draft);
      const agencyName = agencies.find((agency) => agency.id === draft.otherAgencyId)?.name ?? '';
      // "Sam Example — Team Manager, Lancashire County Council": found by any of the three.
      return otherProfessionalFields(
        agencyName,
        people.map((person) => ({
          value: person.id,
          text: `${person.name} — ${[person.jobTitle, agencyName].filter(Boolean).join(', ')}`,
        })),
      );
    },
    current: ({ draft }) => ({ otherPersonId: draft.otherPerson?.id ?? '' }),
    keep: async (request, { draft }, values) => {
      if (values.otherPersonId === null) {
        draft.otherPerson = null;
        return undefined;
      }
      const person = (await peopleOfOtherAgency(request, draft)).find(
        (candidate) => candidate.id === values.otherPersonId,
      );
      if (!person) return { otherPersonId: 'Select the professional from the list' };
      draft.otherPerson = { id: person.id, name: person.name };
      return undefined;
    },
  });

  // 3. The category, which decides the pathway: those the protocol offers, in its groups and words.
  questionPage(app, services, 'category', {
    fields: (_request, { protocol }) => {
      // Urgency or the raiser's own choice may take a case elsewhere: then it only usually does.
      const follows =
        protocol.urgent.pathway || protocol.pathways.some((pathway) => pathway.raiserMayChoose)
          ? 'Usually follows'
          : 'Follows';
      return categoryFields(
        offeredCategories(protocol).flatMap((group) => [
          { divider: group.name },
          ...group.categories.map((category) => {
            const pathway = pathwayForCategory(protocol, category.id);
            return {
              value: category.id,
              text: category.label,
              hint:
                pathway === GENERAL_PATHWAY
                  ? category.hint
                  : `${category.hint} ${follows} the ${pathwayName(protocol, pathway)} pathway.`,
            };
          }),
        ]),
      );
    },
    current: ({ draft }) => ({ category: draft.category }),
    keep: async (_request, { draft, protocol }, values) => {
      if (!offersCategory(protocol, values.category)) {
        return { category: 'Select one of the categories listed' };
      }
      // Another category may offer other pathways: the route is asked again if there is a choice.
      if (draft.category !== values.category) delete draft.pathway;
      draft.category = values.category;
      return undefined;
    },
  });

  // 4b. Where the child lives, when the partnership has more than one local authority.
  questionPage(app, services, 'local-authority', {
    fields: (_request, { localAuthorities }) =>
      localAuthorityFields(
        localAuthorities.map((la) => ({
          value: la.id,
          text: la.name,
          hint: `Front door: ${la.frontDoorName}`,
        })),
      ),
    current: ({ draft }) => ({ localAuthorityId: draft.localAuthorityId }),
    keep: async (_request, { draft, localAuthorities }, values) => {
      if (!localAuthorities.some((la) => la.id === values.localAuthorityId)) {
        return { localAuthorityId: 'Select the local authority the child lives in' };
      }
      draft.localAuthorityId = values.localAuthorityId;
      return undefined;
    },
  });

  // 5. The family, for the protocol's monitoring form.
  questionPage(app, services, 'family', {
    fields: familyFields,
    across: ({ protocol }) => familyRules(today(services, protocol)),
    current: ({ draft }) => {
      const family = draft.family;
      if (!family) return {};
      const referral = family.referralDate ? Temporal.PlainDate.from(family.referralDate) : null;
      return {
        parents: family.parents.join('\n'),
        address: family.address,
        agenciesInvolved: family.agenciesInvolved ?? '',
        ...(referral ? dateValues('referralDate', referral) : {}),
      };
    },
    // The team of the local authority the child lives in, if chosen (or the only one).
    context: async (_request, { protocol, draft, localAuthorities }) => ({
      formTitle: protocol.forms[0]?.title,
      monitoringTeam: caseTerms(
        protocol,
        localAuthorities.find((la) => la.id === draft.localAuthorityId) ??
          (localAuthorities.length === 1 ? localAuthorities[0] : undefined),
      ).monitoringTeam,
    }),
    keep: async (_request, { draft }, values) => {
      draft.family = {
        parents: parentsOf(values.parents),
        address: values.address,
        referralDate: values.referralDate?.toString() ?? null,
        agenciesInvolved: values.agenciesInvolved || null,
      };
      return undefined;
    },
  });

  // 6. The concern, its impact on the child, the evidence and the outcome wanted.
  questionPage(app, services, 'concern', {
    fields: concernFields,
    current: ({ draft }) => ({ ...draft.concern, evidence: draft.concern?.evidence ?? '' }),
    context: async (_request, { protocol }) => ({ advice: protocol.checklist?.advice }),
    keep: async (_request, { draft }, values) => {
      draft.concern = values;
      return undefined;
    },
  });

  // 7. When it was first raised, and whether a child is at immediate risk.
  questionPage(app, services, 'when', {
    fields: whenFields,
    across: ({ protocol }) => whenRules(services.clock.now(), protocol.calendar.timeZone),
    current: ({ draft, protocol }) => {
      const at = (
        draft.when ? Temporal.Instant.from(draft.when.raisedAt) : services.clock.now()
      ).toZonedDateTimeISO(protocol.calendar.timeZone);
      return {
        ...dateValues('raisedOn', at.toPlainDate()),
        raisedTime: at.toPlainTime().toString({ smallestUnit: 'minute' }),
        raisedWhich: whichOf(at.toInstant(), protocol.calendar.timeZone),
        urgent: draft.when ? (draft.when.urgent ? 'yes' : 'no') : undefined,
      };
    },
    keep: async (_request, { draft, protocol }, values) => {
      const raisedAt = raisedAtOf(values, protocol.calendar.timeZone) as Temporal.Instant;
      const wasUrgent = draft.when?.urgent;
      draft.when = { raisedAt: isoInstant(raisedAt), urgent: values.urgent === 'yes' };
      forgetPathwayNotAllowed(protocol, draft, wasUrgent);
      return undefined;
    },
  });
}
