import { demoEmail, type PersonKey } from '../../src/demo/demoDataSet.ts';
import {
  type AccordApi,
  type ApiAgency,
  type ApiCase,
  type ApiPerson,
  openCasesOf,
} from './accordApi.ts';

/** A state of the case page, as one person of the demo data set sees it. */
export type CaseState = {
  /** The state's part of its file names: case-page-<name>-<width>.png. */
  name: string;
  /** What the picture shows, for the log and the README. */
  shows: string;
  viewer: PersonKey;
  /** The case to photograph (its id), put into the state if need be; throws when there is none. */
  findCase(api: AccordApi): Promise<string>;
};

export const viewerEmail = (state: CaseState) => demoEmail(state.viewer);

export const caseStates: readonly CaseState[] = [
  {
    name: 'just-raised',
    shows:
      'a case a school’s designated safeguarding lead has just raised, waiting for the other side',
    viewer: 'matthew.greenhalgh',
    findCase: raiseWithTheFrontDoor,
  },
  {
    name: 'your-move',
    shows:
      'a case at a stage that names the front door’s Team Manager, with time left, as they see it',
    viewer: 'rachel.ashworth',
    findCase: (api) =>
      oneOf(api, 'your-move', 'an escalated case on the other side with time left', (found) =>
        found.filter(
          ({ kase, raiserAgencyId }) =>
            raiserAgencyId !== api.me.agencyId &&
            kase.resolution === null &&
            kase.stages.length > 1 &&
            kase.currentStage?.dueAt != null &&
            !kase.currentStage.overdue,
        ),
      ),
  },
  {
    name: 'overdue-escalated',
    shows:
      'a case overdue at a senior stage the monitoring team was told of, as a Head of Service sees it',
    viewer: 'imran.sadiq',
    findCase: (api) =>
      oneOf(api, 'overdue-escalated', 'an overdue case at a senior stage', (found) =>
        found
          .filter(
            ({ kase }) =>
              kase.resolution === null && kase.stages.length > 2 && kase.currentStage?.overdue,
          )
          // The monitoring form's stage first: the highest stage the person is part of.
          .sort(
            (a, b) =>
              Number(b.kase.monitoringNotifiedAt !== null) -
                Number(a.kase.monitoringNotifiedAt !== null) ||
              b.kase.stages.length - a.kase.stages.length,
          ),
      ),
  },
  {
    name: 'outcome-to-confirm',
    shows: 'a case whose proposed outcome the viewer’s agency must confirm or reject',
    viewer: 'yasmin.begum',
    findCase: (api) =>
      oneOf(api, 'outcome-to-confirm', 'an outcome proposed by another agency', (found) =>
        found.filter(
          ({ kase, proposerAgencyId }) =>
            kase.resolution !== null &&
            proposerAgencyId !== api.me.agencyId &&
            kase.agencyIds.includes(api.me.agencyId) &&
            !kase.resolution.confirmations.some((c) => c.agencyId === api.me.agencyId),
        ),
      ),
  },
];

type FoundCase = { kase: ApiCase; raiserAgencyId?: string; proposerAgencyId?: string };

async function oneOf(
  api: AccordApi,
  state: string,
  wanted: string,
  choose: (found: FoundCase[]) => FoundCase[],
): Promise<string> {
  const people = await peopleOf(api);
  const agencyOf = (personId: string | undefined) =>
    personId ? people.find((person) => person.id === personId)?.agencyId : undefined;
  const found = (await openCasesOf(api)).map((kase) => ({
    kase,
    raiserAgencyId: agencyOf(kase.raisedBy),
    proposerAgencyId: agencyOf(kase.resolution?.proposedBy),
  }));
  const chosen = choose(found)[0];
  if (!chosen) {
    throw new Error(
      `No case for the "${state}" screenshot: ${api.me.name} sees no open case that is ${wanted} ` +
        `(of ${found.length} open). Has the demo data set changed?`,
    );
  }
  return chosen.kase.id;
}

const peopleOf = (api: AccordApi) =>
  api.get<ApiPerson[]>(`/partnerships/${api.me.partnershipId}/people`);

/** Raises, as the viewer, a disagreement with their local authority's front door. */
async function raiseWithTheFrontDoor(api: AccordApi): Promise<string> {
  const agencies = await api.get<ApiAgency[]>(`/partnerships/${api.me.partnershipId}/agencies`);
  const own = agencies.find((agency) => agency.id === api.me.agencyId);
  const council = agencies.find(
    (agency) =>
      agency.kind === 'childrens-social-care' && agency.localAuthorityId === own?.localAuthorityId,
  );
  const socialWorker = (await peopleOf(api)).find(
    (person) => person.agencyId === council?.id && person.roles.includes('practitioner'),
  );
  if (!council || !socialWorker) {
    throw new Error(`No front door with a social worker for ${api.me.name} to disagree with`);
  }
  const raised = await api.post<ApiCase>('/disagreements', {
    partnershipId: api.me.partnershipId,
    raisedAt: new Date(Date.now() - 60_000).toISOString(),
    otherAgencyIds: [council.id],
    otherPersonId: socialWorker.id,
    category: 'threshold',
    urgent: false,
    children: [{ firstName: 'Isla', lastName: 'Pemberton', dateOfBirth: '2017-06-03' }],
    summary:
      'Isla has told her teacher twice this month that she is left to look after her baby brother overnight. The front door decided the family needs early help only.',
    impactOnChild:
      'Isla is often too tired to learn, and her brother may be left without an adult who can keep him safe.',
    desiredOutcome: 'A child and family assessment that takes the school’s records into account.',
  });
  return raised.id;
}
