import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { accountRepository } from './db/repositories/accountRepository.ts';
import type { Clock } from './domain/clock.ts';
import type { Disagreement } from './domain/disagreement/disagreement.ts';
import { adoptProtocol } from './services/adoptProtocol.ts';
import { addAction, completeAction } from './services/agreedActions.ts';
import { confirmOutcome, rejectOutcome } from './services/answerProposedOutcome.ts';
import {
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from './services/apiTokens.ts';
import { rulesFor } from './services/caseWork.ts';
import { arrangeMeeting, meetingCalendar, recordMinutes } from './services/chairedMeetings.ts';
import { checkHealth } from './services/checkHealth.ts';
import { clearChildDeadline, setChildDeadline } from './services/childDeadline.ts';
import { closeDisagreement } from './services/closeDisagreement.ts';
import { createPartnership } from './services/createPartnership.ts';
import { demoPeople, demoSignIn } from './services/demoSignIn.ts';
import { escalateDisagreement } from './services/escalateDisagreement.ts';
import { importPeople } from './services/importPeople.ts';
import { loadActor } from './services/loadActor.ts';
import {
  addAgency,
  addClosureDay,
  addLocalAuthority,
  addOnCallContact,
  addPerson,
  addRegion,
  addTeam,
  type NewPerson,
  type PersonChanges,
  setRoles,
  setWorkingTime,
  updatePerson,
} from './services/manageDirectory.ts';
import { monitoringForm, monitoringFormAsPdf } from './services/monitoringForm.ts';
import { chooseDailyDigest, takesDailyDigest } from './services/notificationPreferences.ts';
import { onCallRoute } from './services/onCallRoute.ts';
import { personForPasswordLink, setPasswordWithLink } from './services/passwordLinks.ts';
import { proposeOutcome } from './services/proposeOutcome.ts';
import { raiseDisagreement } from './services/raiseDisagreement.ts';
import { type AuditQuery, readAuditLog } from './services/readAuditLog.ts';
import {
  directoryOverview,
  listAgencies,
  listLocalAuthorities,
  listPartnerships,
  listPeople,
  protocolInForce,
} from './services/readDirectory.ts';
import {
  getDisagreement,
  type ListQuery,
  listDisagreements,
  waitingCount,
  waitingFor,
} from './services/readDisagreements.ts';
import { recordDiscussion } from './services/recordDiscussion.ts';
import type { RequestContext } from './services/requestContext.ts';
import { sessionStore } from './services/sessionStore.ts';
import { needsSetup, setUpFirstPartnership } from './services/setUpFirstPartnership.ts';
import { type OidcIdentity, signInWithOidc } from './services/signInWithOidc.ts';
import { signInWithPassword } from './services/signInWithPassword.ts';
import { signOutEverywhere } from './services/signOutEverywhere.ts';
import { tellNextLevel } from './services/tellNextLevel.ts';
import { verifyAuditLog } from './services/verifyAuditLog.ts';
import { withdrawDisagreement } from './services/withdrawDisagreement.ts';

export type ServiceDependencies = {
  config: Config;
  database: Database;
  clock: Clock;
};

export const SESSION_IDLE_MINUTES = 30;

/** The composition root: every use case wired to its repositories, clock and transports. */
export function createServices({ config, database, clock }: ServiceDependencies) {
  const deps = { database, clock, baseUrl: config.baseUrl };
  // Once anyone exists the service never needs setting up again, so remember that answer.
  let setUp = false;
  return {
    config,
    clock,
    checkHealth: () => checkHealth(database),
    loadActor: (personId: string) => loadActor(database, personId),
    hasPassword: async (personId: string) =>
      (await accountRepository(database.db).passwordHash(personId)) !== undefined,
    sessions: sessionStore(deps, SESSION_IDLE_MINUTES),
    needsSetup: async () => {
      if (setUp) return false;
      setUp = !(await needsSetup(database));
      return !setUp;
    },
    setUpFirstPartnership: (
      input: Parameters<typeof setUpFirstPartnership>[1],
      context: RequestContext,
    ) => setUpFirstPartnership(deps, input, context),
    signInWithPassword: (
      input: Parameters<typeof signInWithPassword>[1],
      context: RequestContext,
    ) => signInWithPassword(deps, input, context),
    signOutEverywhere: (context: RequestContext) => signOutEverywhere(deps, context),
    signInWithOidc: (identity: OidcIdentity, context: RequestContext) =>
      signInWithOidc(deps, identity, context),
    createApiToken: (input: Parameters<typeof createApiToken>[1], context: RequestContext) =>
      createApiToken(deps, input, context),
    listApiTokens: (personId: string, context: RequestContext) =>
      listApiTokens(deps, personId, context),
    revokeApiToken: (tokenId: string, context: RequestContext) =>
      revokeApiToken(deps, tokenId, context),
    authenticateApiToken: (token: string) => authenticateApiToken(deps, token),
    createPartnership: (input: Parameters<typeof createPartnership>[1], context: RequestContext) =>
      createPartnership(deps, input, context),
    adoptProtocol: (input: Parameters<typeof adoptProtocol>[1], context: RequestContext) =>
      adoptProtocol(deps, input, context),
    importPeople: (input: Parameters<typeof importPeople>[1], context: RequestContext) =>
      importPeople(deps, input, context),
    verifyAuditLog: () => verifyAuditLog(database),
    listPartnerships: (context: RequestContext) => listPartnerships(deps, context),
    protocolInForce: (partnershipId: string, context: RequestContext) =>
      protocolInForce(deps, partnershipId, context),
    listLocalAuthorities: (partnershipId: string, context: RequestContext) =>
      listLocalAuthorities(deps, partnershipId, context),
    listAgencies: (partnershipId: string, context: RequestContext) =>
      listAgencies(deps, partnershipId, context),
    listPeople: (partnershipId: string, context: RequestContext) =>
      listPeople(deps, partnershipId, context),
    readAuditLog: (query: AuditQuery, context: RequestContext) =>
      readAuditLog(deps, query, context),
    addLocalAuthority: (input: Parameters<typeof addLocalAuthority>[1], context: RequestContext) =>
      addLocalAuthority(deps, input, context),
    addAgency: (input: Parameters<typeof addAgency>[1], context: RequestContext) =>
      addAgency(deps, input, context),
    addOnCallContact: (input: Parameters<typeof addOnCallContact>[1], context: RequestContext) =>
      addOnCallContact(deps, input, context),
    addPerson: (input: NewPerson, context: RequestContext) => addPerson(deps, input, context),
    setRoles: (input: Parameters<typeof setRoles>[1], context: RequestContext) =>
      setRoles(deps, input, context),
    addTeam: (input: Parameters<typeof addTeam>[1], context: RequestContext) =>
      addTeam(deps, input, context),
    addRegion: (input: Parameters<typeof addRegion>[1], context: RequestContext) =>
      addRegion(deps, input, context),
    addClosureDay: (input: Parameters<typeof addClosureDay>[1], context: RequestContext) =>
      addClosureDay(deps, input, context),
    updatePerson: (input: PersonChanges, context: RequestContext) =>
      updatePerson(deps, input, context),
    directoryOverview: (partnershipId: string, context: RequestContext) =>
      directoryOverview(deps, partnershipId, context),
    onCallRoute: (partnershipId: string, context: RequestContext) =>
      onCallRoute(deps, partnershipId, context),
    setWorkingTime: (input: Parameters<typeof setWorkingTime>[1], context: RequestContext) =>
      setWorkingTime(deps, input, context),
    personForPasswordLink: (token: string) => personForPasswordLink(deps, token),
    raiseDisagreement: (input: Parameters<typeof raiseDisagreement>[1], context: RequestContext) =>
      raiseDisagreement(deps, input, context),
    getDisagreement: (id: string, context: RequestContext) => getDisagreement(deps, id, context),
    listDisagreements: (query: ListQuery, context: RequestContext) =>
      listDisagreements(deps, query, context),
    waitingFor: (context: RequestContext) => waitingFor(deps, context),
    waitingCount: (context: RequestContext) => waitingCount(deps, context),
    /** The protocol, ladder and calendar a case runs on, to present a case a write returned. */
    caseRules: (disagreement: Disagreement) => rulesFor(database.db, disagreement, clock.now()),
    monitoringForm: (id: string, context: RequestContext) => monitoringForm(deps, id, context),
    monitoringFormAsPdf: (id: string, context: RequestContext) =>
      monitoringFormAsPdf(deps, id, context),
    recordDiscussion: (input: Parameters<typeof recordDiscussion>[1], context: RequestContext) =>
      recordDiscussion(deps, input, context),
    escalateDisagreement: (
      input: Parameters<typeof escalateDisagreement>[1],
      context: RequestContext,
    ) => escalateDisagreement(deps, input, context),
    proposeOutcome: (input: Parameters<typeof proposeOutcome>[1], context: RequestContext) =>
      proposeOutcome(deps, input, context),
    confirmOutcome: (input: Parameters<typeof confirmOutcome>[1], context: RequestContext) =>
      confirmOutcome(deps, input, context),
    rejectOutcome: (input: Parameters<typeof rejectOutcome>[1], context: RequestContext) =>
      rejectOutcome(deps, input, context),
    withdrawDisagreement: (
      input: Parameters<typeof withdrawDisagreement>[1],
      context: RequestContext,
    ) => withdrawDisagreement(deps, input, context),
    closeDisagreement: (input: Parameters<typeof closeDisagreement>[1], context: RequestContext) =>
      closeDisagreement(deps, input, context),
    setChildDeadline: (input: Parameters<typeof setChildDeadline>[1], context: RequestContext) =>
      setChildDeadline(deps, input, context),
    clearChildDeadline: (
      input: Parameters<typeof clearChildDeadline>[1],
      context: RequestContext,
    ) => clearChildDeadline(deps, input, context),
    arrangeMeeting: (input: Parameters<typeof arrangeMeeting>[1], context: RequestContext) =>
      arrangeMeeting(deps, input, context),
    recordMinutes: (input: Parameters<typeof recordMinutes>[1], context: RequestContext) =>
      recordMinutes(deps, input, context),
    meetingCalendar: (id: string, context: RequestContext) => meetingCalendar(deps, id, context),
    takesDailyDigest: (context: RequestContext) => takesDailyDigest(deps, context),
    chooseDailyDigest: (dailyDigest: boolean, context: RequestContext) =>
      chooseDailyDigest(deps, dailyDigest, context),
    tellNextLevel: (input: Parameters<typeof tellNextLevel>[1], context: RequestContext) =>
      tellNextLevel(deps, input, context),
    addAction: (input: Parameters<typeof addAction>[1], context: RequestContext) =>
      addAction(deps, input, context),
    completeAction: (input: Parameters<typeof completeAction>[1], context: RequestContext) =>
      completeAction(deps, input, context),
    setPasswordWithLink: (input: { token: string; password: string }, context: RequestContext) =>
      setPasswordWithLink(deps, input, context),
    // Signing in without a password exists only in demo mode.
    demo: config.demoMode
      ? {
          people: () => demoPeople(deps),
          signIn: (personId: string, context: RequestContext) =>
            demoSignIn(deps, personId, context),
        }
      : undefined,
  };
}

export type Services = ReturnType<typeof createServices>;
