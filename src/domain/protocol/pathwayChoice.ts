import { GENERAL_PATHWAY } from '../vocabulary.ts';
import type { Protocol } from './protocolSchema.ts';

/**
 * Which pathway a disagreement takes when it is raised (api.md, `pathway` on POST
 * /disagreements): the one the protocol's rules give for its category and urgency, or one
 * the protocol lets the raiser choose instead.
 */

export type RaiseCircumstances = { category: string; urgent: boolean };

/** The rules' pathway: the urgent route's when the case is urgent and it names one, else the category's, else general. */
export function pathwayByRules(protocol: Protocol, { category, urgent }: RaiseCircumstances) {
  if (urgent && protocol.urgent.pathway) return protocol.urgent.pathway;
  return protocol.categories[category] ?? GENERAL_PATHWAY;
}

/**
 * Every pathway a case raised in these circumstances may take, the rules' first: that one,
 * then each pathway the raiser may choose, in the protocol's order.
 */
export function allowedPathways(protocol: Protocol, circumstances: RaiseCircumstances): string[] {
  const ruled = pathwayByRules(protocol, circumstances);
  const choosable = protocol.pathways
    .filter((pathway) => pathway.raiserMayChoose && pathway.id !== ruled)
    .map((pathway) => pathway.id);
  return [ruled, ...choosable];
}

/** Whether raising in these circumstances offers the raiser a choice of pathway. */
export function offersPathwayChoice(protocol: Protocol, circumstances: RaiseCircumstances) {
  return allowedPathways(protocol, circumstances).length > 1;
}

export type PathwayChoice =
  | { ok: true; pathway: string }
  | { ok: false; allowed: string[]; message: string };

/** The pathway a raise takes: the one asked for if the protocol allows it, else the rules' one. */
export function choosePathway(
  protocol: Protocol,
  circumstances: RaiseCircumstances,
  asked?: string,
): PathwayChoice {
  const allowed = allowedPathways(protocol, circumstances);
  const ruled = allowed[0] as string;
  if (asked === undefined) return { ok: true, pathway: ruled };
  if (allowed.includes(asked)) return { ok: true, pathway: asked };
  const why =
    circumstances.urgent && protocol.urgent.pathway
      ? 'An urgent case'
      : `The category ${circumstances.category}`;
  return {
    ok: false,
    allowed,
    message:
      allowed.length === 1
        ? `${why} follows the ${ruled} pathway of this protocol`
        : `${why} may follow only these pathways of this protocol: ${allowed.join(', ')}`,
  };
}
