import type { Child } from '../../../domain/disagreement/disagreement.ts';
import type { Category } from '../../../domain/vocabulary.ts';
import type { RaiseRequest } from '../../../services/raiseDisagreement.ts';

/**
 * The answers of a disagreement being raised, kept in the session between the question pages
 * (never in hidden fields) until the check page raises it. Each answer is absent until its
 * page has been answered.
 */
export type RaiseDraft = {
  partnershipId: string;
  /** The person said their concern is not about the conduct of a specific professional. */
  notAboutConduct?: true;
  otherAgencyId?: string;
  /** Null when the person named no one. */
  otherPerson?: { id: string; name: string } | null;
  category?: Category;
  /** The pathway chosen, when the protocol offers a choice for the category and urgency. */
  pathway?: string;
  children: Child[];
  /** The person said they have added every child. */
  childrenComplete?: true;
  localAuthorityId?: string;
  family?: {
    parents: string[];
    address: string;
    referralDate: string | null;
    agenciesInvolved: string | null;
  };
  concern?: {
    summary: string;
    impactOnChild: string;
    evidence: string | null;
    desiredOutcome: string;
  };
  when?: { raisedAt: string; urgent: boolean };
};

declare module 'fastify' {
  interface Session {
    raiseDraft?: RaiseDraft;
  }
}

export const raiseSteps = [
  'start',
  'other-agency',
  'other-professional',
  'category',
  'pathway',
  'children',
  'local-authority',
  'family',
  'concern',
  'when',
  'check',
] as const;
export type RaiseStep = (typeof raiseSteps)[number];

/** Which optional pages this partnership's raise needs. */
export type RaiseFlow = {
  /** A form of the protocol reads the family's details (its parents, address...). */
  asksFamily: boolean;
  /** The partnership has more than one local authority. */
  asksLocalAuthority: boolean;
  /** The protocol offers a choice of pathway for the draft's category and urgency. */
  asksPathway: boolean;
};

export function stepPath(step: RaiseStep): string {
  return step === 'start' ? '/disagreements/new' : `/disagreements/new/${step}`;
}

export function stepsOf(flow: RaiseFlow): RaiseStep[] {
  return raiseSteps.filter(
    (step) =>
      (step !== 'family' || flow.asksFamily) &&
      (step !== 'local-authority' || flow.asksLocalAuthority) &&
      (step !== 'pathway' || flow.asksPathway),
  );
}

function answered(draft: RaiseDraft, step: RaiseStep): boolean {
  switch (step) {
    case 'start':
      return draft.notAboutConduct === true;
    case 'other-agency':
      return draft.otherAgencyId !== undefined;
    case 'other-professional':
      return draft.otherPerson !== undefined;
    case 'category':
      return draft.category !== undefined;
    case 'pathway':
      return draft.pathway !== undefined;
    case 'children':
      return draft.childrenComplete === true && draft.children.length > 0;
    case 'local-authority':
      return draft.localAuthorityId !== undefined;
    case 'family':
      return draft.family !== undefined;
    case 'concern':
      return draft.concern !== undefined;
    case 'when':
      return draft.when !== undefined;
    case 'check':
      return false;
  }
}

/** The first page still to answer: where "Continue" goes, and the check page once all are. */
export function nextStep(draft: RaiseDraft, flow: RaiseFlow): RaiseStep {
  return stepsOf(flow).find((step) => !answered(draft, step)) ?? 'check';
}

/** A page may be shown once every page before it has been answered. */
export function mayVisit(draft: RaiseDraft, flow: RaiseFlow, step: RaiseStep): boolean {
  const steps = stepsOf(flow);
  const position = steps.indexOf(step);
  return position >= 0 && steps.slice(0, position).every((before) => answered(draft, before));
}

/** The page before, for the back link. */
export function previousStep(flow: RaiseFlow, step: RaiseStep): RaiseStep | undefined {
  const steps = stepsOf(flow);
  return steps[steps.indexOf(step) - 1];
}

/** The use case's request from a complete draft. */
export function raiseRequestFrom(draft: RaiseDraft, flow: RaiseFlow): RaiseRequest {
  const { when, concern, category, otherAgencyId } = draft;
  if (!when || !concern || !category || !otherAgencyId) {
    throw new Error('raiseRequestFrom needs a complete draft');
  }
  const family = flow.asksFamily ? draft.family : undefined;
  return {
    partnershipId: draft.partnershipId,
    raisedAt: when.raisedAt,
    otherAgencyIds: [otherAgencyId],
    otherPersonId: draft.otherPerson?.id,
    category,
    pathway: flow.asksPathway ? draft.pathway : undefined,
    localAuthorityId: flow.asksLocalAuthority ? draft.localAuthorityId : undefined,
    urgent: when.urgent,
    children: draft.children,
    summary: concern.summary,
    impactOnChild: concern.impactOnChild,
    desiredOutcome: concern.desiredOutcome,
    evidence: concern.evidence ?? undefined,
    family: family && { parents: family.parents, address: family.address },
    referralDate: family?.referralDate ?? undefined,
    agenciesInvolved: family?.agenciesInvolved ?? undefined,
    aboutConductOfProfessional: false,
  };
}
