import type { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Actor } from './domain/access/can.ts';
import type { Clock } from './domain/clock.ts';
import type { CaseCommand } from './domain/disagreement/actions/caseCommand.ts';
import type { Disagreement } from './domain/disagreement/disagreement.ts';
import {
  listAccounts,
  readAccount,
  revokeInvitation,
  sendInvitation,
  setAccountActive,
} from './services/accountAdministration.ts';
import { adoptProtocol } from './services/adoptProtocol.ts';
import {
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from './services/apiTokens.ts';
import { auditRefusedCaseRequest } from './services/auditRefusal.ts';
import { rulesFor } from './services/caseRules.ts';
import { caseSummaryAsPdf, readCaseSummary } from './services/caseSummary.ts';
import { checkHealth } from './services/checkHealth.ts';
import {
  completeMonitoringForm,
  monitoringFormToComplete,
} from './services/completeMonitoringForm.ts';
import { createPartnership } from './services/createPartnership.ts';
import { dashboard, dashboardTableCsv } from './services/dashboard.ts';
import { demoPeople, demoSignIn } from './services/demoSignIn.ts';
import { exportCases } from './services/exportCases.ts';
import { hasPassword } from './services/findPeople.ts';
import { importPeople } from './services/importPeople.ts';
import { keptAnswers } from './services/keptAnswers.ts';
import { learningLog, learningLogCsv, recordLessonStatus } from './services/learningLog.ts';
import { loadActor } from './services/loadActor.ts';
import {
  addAgency,
  addClosureDay,
  addLocalAuthority,
  addMeetingPlace,
  addOnCallContact,
  addPerson,
  addRegion,
  addTeam,
  removeClosureDay,
  setRoles,
  setWorkingTime,
  updatePerson,
} from './services/manageDirectory.ts';
import { meetingCalendar } from './services/meetingCalendar.ts';
import { monitoringForm, monitoringFormAsPdf } from './services/monitoringForm.ts';
import { monitoringInbox } from './services/monitoringInbox.ts';
import { chooseDailyDigest, takesDailyDigest } from './services/notificationPreferences.ts';
import { onCallRoute } from './services/onCallRoute.ts';
import { personForPasswordLink, setPasswordWithLink } from './services/passwordLinks.ts';
import {
  adoptProtocolDraft,
  deleteProtocolDraft,
  listProtocolDrafts,
  protocolAdoptionFacts,
  readProtocolDraft,
  saveProtocolDraft,
  startProtocolDraft,
} from './services/protocolDrafts.ts';
import {
  compareProtocolVersions,
  listProtocolVersions,
  protocolPage,
  protocolVersionFile,
} from './services/protocolVersions.ts';
import { raiseConfirmation } from './services/raiseConfirmation.ts';
import { raiseDisagreement } from './services/raiseDisagreement.ts';
import { readAuditLog } from './services/readAuditLog.ts';
import {
  directoryOverview,
  listAgencies,
  listCaseActionPeople,
  listCasePagePeople,
  listLocalAuthorities,
  listMeetingPlaces,
  listPartnerships,
  listPeople,
  protocolInForce,
} from './services/readDirectory.ts';
import {
  getDisagreement,
  listDisagreements,
  waitingCount,
  waitingFor,
} from './services/readDisagreements.ts';
import { reportSummary } from './services/reportSummary.ts';
import type { RequestContext } from './services/requestContext.ts';
import { retentionSettings, setRetentionPeriod } from './services/retention/retentionSettings.ts';
import { type CaseActionRequest, runCaseAction } from './services/runCaseAction.ts';
import {
  readServicePage,
  resetServicePage,
  saveServicePage,
  servicePagesOfTeam,
} from './services/servicePages.ts';
import { sessionStore } from './services/sessionStore.ts';
import {
  partnershipsAwaitingSetup,
  setUpFirstPartnership,
} from './services/setUpFirstPartnership.ts';
import { needsSetup, openSetup } from './services/setupCode.ts';
import { signedInAs } from './services/signedInAs.ts';
import { signInWithOidc } from './services/signInWithOidc.ts';
import { signInWithPassword } from './services/signInWithPassword.ts';
import { signOutEverywhere } from './services/signOutEverywhere.ts';
import {
  exportChildSubject,
  exportProfessionalSubject,
} from './services/subjectAccess/exportSubject.ts';
import {
  findChildSubject,
  findProfessionalSubject,
  subjectAccessPeople,
} from './services/subjectAccess/findSubject.ts';
import { partnershipTeamHome } from './services/teamHome.ts';
import { verifyAuditLog } from './services/verifyAuditLog.ts';

export type ServiceDependencies = {
  config: Config;
  database: Database;
  clock: Clock;
};

export const SESSION_IDLE_MINUTES = 30;

/** The composition root: every use case wired to its repositories, clock and transports. */
export function createServices({ config, database, clock }: ServiceDependencies) {
  const deps = { database, clock, baseUrl: config.baseUrl };
  // A use case bound to its dependencies: handlers pass only what was asked and who asks.
  const withDeps =
    <Input, Result>(useCase: (d: typeof deps, input: Input, context: RequestContext) => Result) =>
    (input: Input, context: RequestContext) =>
      useCase(deps, input, context);
  // Once anyone exists the service never needs setting up again, so remember that answer.
  let setUp = false;
  return {
    config,
    clock,
    checkHealth: () => checkHealth(database),
    loadActor: (personId: string) => loadActor(database, personId),
    signedInAs: (actor: Actor) => signedInAs(database, actor),
    hasPassword: (personId: string) => hasPassword(database, personId),
    sessions: sessionStore(deps, SESSION_IDLE_MINUTES),
    keptAnswers: keptAnswers(deps),
    needsSetup: async () => {
      if (setUp) return false;
      setUp = !(await needsSetup(database));
      return !setUp;
    },
    setUpFirstPartnership: withDeps(setUpFirstPartnership),
    partnershipsAwaitingSetup: () => partnershipsAwaitingSetup(database),
    /** A new one-time setup code while nobody exists (printed at start); undefined after. */
    openSetup: () => openSetup(deps),
    signInWithPassword: withDeps(signInWithPassword),
    signOutEverywhere: (context: RequestContext) => signOutEverywhere(deps, context),
    signInWithOidc: withDeps(signInWithOidc),
    createApiToken: withDeps(createApiToken),
    listApiTokens: withDeps(listApiTokens),
    revokeApiToken: withDeps(revokeApiToken),
    authenticateApiToken: (token: string) => authenticateApiToken(deps, token),
    createPartnership: withDeps(createPartnership),
    adoptProtocol: withDeps(adoptProtocol),
    listProtocolDrafts: (context: RequestContext) => listProtocolDrafts(deps, {}, context),
    startProtocolDraft: withDeps(startProtocolDraft),
    readProtocolDraft: withDeps(readProtocolDraft),
    saveProtocolDraft: withDeps(saveProtocolDraft),
    deleteProtocolDraft: withDeps(deleteProtocolDraft),
    protocolAdoptionFacts: (context: RequestContext, input: { source?: string } = {}) =>
      protocolAdoptionFacts(deps, input, context),
    adoptProtocolDraft: withDeps(adoptProtocolDraft),
    importPeople: withDeps(importPeople),
    verifyAuditLog: () => verifyAuditLog(database),
    listPartnerships: (context: RequestContext) => listPartnerships(deps, context),
    protocolInForce: withDeps(protocolInForce),
    listProtocolVersions: withDeps(listProtocolVersions),
    protocolPage: withDeps(protocolPage),
    protocolVersionFile: withDeps(protocolVersionFile),
    compareProtocolVersions: withDeps(compareProtocolVersions),
    listLocalAuthorities: withDeps(listLocalAuthorities),
    listAgencies: withDeps(listAgencies),
    listMeetingPlaces: withDeps(listMeetingPlaces),
    listPeople: withDeps(listPeople),
    listCasePagePeople: withDeps(listCasePagePeople),
    listCaseActionPeople: withDeps(listCaseActionPeople),
    readAuditLog: withDeps(readAuditLog),
    addLocalAuthority: withDeps(addLocalAuthority),
    addAgency: withDeps(addAgency),
    addOnCallContact: withDeps(addOnCallContact),
    addPerson: withDeps(addPerson),
    setRoles: withDeps(setRoles),
    addTeam: withDeps(addTeam),
    addRegion: withDeps(addRegion),
    addMeetingPlace: withDeps(addMeetingPlace),
    addClosureDay: withDeps(addClosureDay),
    removeClosureDay: withDeps(removeClosureDay),
    updatePerson: withDeps(updatePerson),
    directoryOverview: withDeps(directoryOverview),
    onCallRoute: withDeps(onCallRoute),
    setWorkingTime: withDeps(setWorkingTime),
    retentionSettings: withDeps(retentionSettings),
    setRetentionPeriod: withDeps(setRetentionPeriod),
    readServicePage: withDeps(readServicePage),
    servicePagesOfTeam: withDeps(servicePagesOfTeam),
    saveServicePage: withDeps(saveServicePage),
    resetServicePage: withDeps(resetServicePage),
    personForPasswordLink: (token: string) => personForPasswordLink(deps, token),
    raiseDisagreement: withDeps(raiseDisagreement),
    getDisagreement: withDeps(getDisagreement),
    raiseConfirmation: withDeps(raiseConfirmation),
    auditRefusedCaseRequest: withDeps(auditRefusedCaseRequest),
    listDisagreements: withDeps(listDisagreements),
    waitingFor: (context: RequestContext) => waitingFor(deps, context),
    waitingCount: (context: RequestContext) => waitingCount(deps, context),
    /** The protocol, ladder and calendar a case runs on, to present a case a write returned. */
    caseRules: (disagreement: Disagreement) => rulesFor(database.db, disagreement, clock.now()),
    reportSummary: withDeps(reportSummary),
    exportCases: withDeps(exportCases),
    dashboard: withDeps(dashboard),
    monitoringInbox: withDeps(monitoringInbox),
    partnershipTeamHome: (context: RequestContext) => partnershipTeamHome(deps, context),
    learningLog: withDeps(learningLog),
    learningLogCsv: withDeps(learningLogCsv),
    recordLessonStatus: withDeps(recordLessonStatus),
    dashboardTableCsv: withDeps(dashboardTableCsv),
    monitoringForm: withDeps(monitoringForm),
    monitoringFormAsPdf: withDeps(monitoringFormAsPdf),
    monitoringFormToComplete: withDeps(monitoringFormToComplete),
    completeMonitoringForm: withDeps(completeMonitoringForm),
    caseSummary: withDeps(readCaseSummary),
    caseSummaryAsPdf: withDeps(caseSummaryAsPdf),
    meetingCalendar: withDeps(meetingCalendar),
    subjectAccessPeople: (context: RequestContext) => subjectAccessPeople(deps, context),
    findChildSubject: withDeps(findChildSubject),
    findProfessionalSubject: withDeps(findProfessionalSubject),
    exportChildSubject: withDeps(exportChildSubject),
    exportProfessionalSubject: withDeps(exportProfessionalSubject),
    /** Any case action: its command, the case and version it acts on, and its input. */
    runCaseAction: <Input extends z.ZodType>(
      command: CaseCommand<Input>,
      request: CaseActionRequest<z.input<Input>>,
      context: RequestContext,
    ) => runCaseAction(deps, command, request, context),
    takesDailyDigest: (context: RequestContext) => takesDailyDigest(deps, context),
    chooseDailyDigest: withDeps(chooseDailyDigest),
    setPasswordWithLink: withDeps(setPasswordWithLink),
    // The administrators' accounts pages (services/accountAdministration.ts).
    listAccounts: withDeps(listAccounts),
    readAccount: withDeps(readAccount),
    sendInvitation: withDeps(sendInvitation),
    revokeInvitation: withDeps(revokeInvitation),
    setAccountActive: withDeps(setAccountActive),
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
