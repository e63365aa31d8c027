import { GENERAL_PATHWAY } from '../vocabulary.ts';
import type { Protocol, ProtocolCap, ProtocolStage } from './protocolSchema.ts';

export type LadderStage = ProtocolStage & { position: number };

/** The stages a case walks on one pathway, with the pathway's changes applied. */
export type Ladder = {
  pathwayId: string;
  pathwayName: string;
  guidance: string | undefined;
  notice: string | undefined;
  stages: LadderStage[];
};

export class UnknownPathway extends Error {
  override name = 'UnknownPathway';
}

export function pathwayForCategory(protocol: Protocol, category: string): string {
  return protocol.categories[category] ?? GENERAL_PATHWAY;
}

export function ladderFor(protocol: Protocol, pathwayId: string = GENERAL_PATHWAY): Ladder {
  if (pathwayId === GENERAL_PATHWAY) {
    return {
      pathwayId,
      pathwayName: 'General',
      guidance: undefined,
      notice: undefined,
      stages: protocol.stages.map((stage, position) => ({ ...stage, position })),
    };
  }
  const pathway = protocol.pathways.find((candidate) => candidate.id === pathwayId);
  if (!pathway) throw new UnknownPathway(`protocol ${protocol.id} has no pathway "${pathwayId}"`);

  const keys = pathway.ladder ?? protocol.stages.map((stage) => stage.key);
  const stages = keys.map((stageKey, position): LadderStage => {
    const base =
      pathway.stages.find((stage) => stage.key === stageKey) ??
      protocol.stages.find((stage) => stage.key === stageKey);
    if (!base) throw new UnknownPathway(`pathway ${pathwayId} names unknown stage "${stageKey}"`);
    const changes = pathway.atStages[stageKey] ?? {};
    const jumpsTo = base.jumpsTo.filter((target) => keys.indexOf(target) > position);
    return {
      ...base,
      ...definedOnly(changes),
      jumpsTo,
      position,
    };
  });
  return {
    pathwayId,
    pathwayName: pathway.name,
    guidance: pathway.guidance,
    notice: pathway.notice,
    stages,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

export function stageOf(ladder: Ladder, stageKey: string): LadderStage | undefined {
  return ladder.stages.find((stage) => stage.key === stageKey);
}

/** Where a case at this stage may go next: the next stage, and any later stage the protocol allows a jump to. */
export function escalationTargets(ladder: Ladder, stageKey: string): LadderStage[] {
  const current = stageOf(ladder, stageKey);
  if (!current) return [];
  const next = ladder.stages[current.position + 1];
  const jumps = current.jumpsTo
    .map((target) => stageOf(ladder, target))
    .filter((stage): stage is LadderStage => stage !== undefined && stage.key !== next?.key);
  return next ? [next, ...jumps] : jumps;
}

/** Which case a cap is asked about: the pathway it is on, and whether it is urgent. */
export type CapCase = { pathwayId: string; urgent: boolean };

/**
 * The limits over a stage of a case: the protocol's caps, its pathway's own caps, and, when
 * the case is urgent, the urgent route's caps (protocols.md §2).
 */
export function capsCovering(protocol: Protocol, stageKey: string, on: CapCase): ProtocolCap[] {
  const pathway = protocol.pathways.find((candidate) => candidate.id === on.pathwayId);
  return [
    ...protocol.caps,
    ...(pathway?.caps ?? []),
    ...(on.urgent ? protocol.urgent.caps : []),
  ].filter((cap) => cap.stages.includes(stageKey));
}
