import type { CaseStage } from '../../domain/disagreement/caseDocument.ts';
import {
  type CaseRules,
  currentStage,
  type Disagreement,
  isOverdue,
} from '../../domain/disagreement/disagreement.ts';
import { stageOf } from '../../domain/protocol/ladder.ts';
import type { LessonTheme } from '../../domain/vocabulary.ts';
import type { CaseBody } from './disagreementSchemas.ts';

/** Why a stage is due when it is, as stored: never worked out again here. */
function dueReasonOf(stage: CaseStage): string | null {
  const reasons = stage.dueReasons;
  if (!reasons) return null;
  return [reasons.explanation, reasons.reprojected].filter(Boolean).join('. ') || null;
}

/** A case as api.md shows it. */
export function presentCase(disagreement: Disagreement, rules: CaseRules): CaseBody {
  const named = (key: string) => {
    const stage = stageOf(rules.ladder, key);
    return { number: stage?.number ?? null, name: stage?.name ?? key };
  };
  const current = disagreement.status === 'open' ? currentStage(disagreement) : null;
  return {
    id: disagreement.id,
    reference: disagreement.reference,
    version: disagreement.version,
    partnershipId: disagreement.partnershipId,
    protocolId: disagreement.protocolId,
    protocolVersion: disagreement.protocolVersion,
    status: disagreement.status,
    urgent: disagreement.urgent,
    category: disagreement.category as CaseBody['category'],
    pathway: disagreement.pathway,
    raisedAt: disagreement.raisedAt,
    raisedBy: disagreement.raisedBy,
    agencyIds: [disagreement.raiserAgencyId, ...disagreement.otherAgencyIds],
    localAuthorityId: disagreement.localAuthorityId,
    otherPersonId: disagreement.otherPersonId,
    children: disagreement.children,
    summary: disagreement.summary,
    impactOnChild: disagreement.impactOnChild,
    desiredOutcome: disagreement.desiredOutcome,
    evidence: disagreement.evidence,
    family: disagreement.family,
    referralDate: disagreement.referralDate,
    agenciesInvolved: disagreement.agenciesInvolved,
    currentStage: current && {
      key: current.key,
      ...named(current.key),
      startedAt: current.startedAt,
      dueAt: current.dueAt,
      overdue: isOverdue(disagreement, rules.now),
      // As it was worked out when the due time was set: never worked out again here.
      dueExplanation: current.dueReasons?.explanation ?? '',
    },
    stages: disagreement.stages.map((stage) => ({
      key: stage.key,
      ...named(stage.key),
      startedAt: stage.startedAt,
      dueAt: stage.dueAt,
      endedAt: stage.endedAt,
      outcome: stage.outcome,
      dueReason: dueReasonOf(stage),
      reason: stage.reason,
      writtenAccount: stage.writtenAccount,
    })),
    records: disagreement.records,
    actions: disagreement.actions.map((action) => ({
      id: action.id,
      description: action.description,
      ownerId: action.ownerId,
      dueAt: action.dueAt,
      completedAt: action.completedAt,
    })),
    resolution: disagreement.resolution && {
      agreedOutcome: disagreement.resolution.agreedOutcome,
      proposedBy: disagreement.resolution.proposedBy,
      proposedAt: disagreement.resolution.proposedAt,
      confirmations: disagreement.resolution.confirmations,
    },
    childDeadline: disagreement.childDeadline,
    monitoringNotifiedAt: disagreement.monitoringNotifiedAt,
    resolvedAt: disagreement.resolvedAt,
    closedAt: disagreement.closedAt,
    withdrawnReason: disagreement.withdrawnReason,
    lessons: disagreement.lessons.map((lesson) => ({
      id: lesson.id,
      theme: lesson.themes[0] as LessonTheme,
      themes: lesson.themes,
      text: lesson.text,
      source: lesson.source,
      recordedAt: lesson.recordedAt,
      recordedBy: lesson.recordedBy,
    })),
    partnershipTold: disagreement.partnershipTold,
    acknowledged: disagreement.acknowledged,
    purgedAt: disagreement.purgedAt,
  };
}
