import type { LessonTheme } from '../vocabulary.ts';
import type { Protocol } from './protocolSchema.ts';

/** The subgroup that takes up lessons of a theme: the one naming it, else the one naming none. */
export function subgroupFor(protocol: Protocol, theme: LessonTheme): string {
  const { subgroups } = protocol.learning;
  const named = subgroups.find((subgroup) => subgroup.themes?.includes(theme));
  const catchAll = subgroups.find((subgroup) => !subgroup.themes);
  return (named ?? catchAll ?? subgroups[0])?.name ?? '';
}

/** The subgroups a lesson goes to, once each, in the order of its themes. */
export function subgroupsFor(protocol: Protocol, themes: readonly LessonTheme[]): string[] {
  return [...new Set(themes.map((theme) => subgroupFor(protocol, theme)))];
}
