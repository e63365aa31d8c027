import { formatClockTime, listInWords } from '../calendar/formatting.ts';
import { GENERAL_PATHWAY, type Role } from '../vocabulary.ts';
import { roleNames } from '../vocabularyNames.ts';
import type {
  ChairRule,
  Protocol,
  ProtocolCap,
  ProtocolStage,
  StageSide,
  Timescale,
} from './protocolSchema.ts';
import { amountInWords } from './timescaleWords.ts';

// How the parts of a protocol file read in English, for the protocol page and the difference
// between two versions.

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "5 working days", "24 hours", "no set timescale" (with what it is for, when the file says). */
export function ownTimescaleInWords(timescale: Timescale): string {
  const span = amountInWords(timescale) ?? 'no set timescale';
  return timescale.describes ? `${span}, ${timescale.describes}` : span;
}

/** What the file calls a rung of its ladder: "stage" unless it says "step". */
export function stageTerm(protocol: Pick<Protocol, 'terms'>): string {
  return protocol.terms.stage.toLowerCase();
}

/** "stage 2 'Managers'", or "stage 'Managers'" for a stage without a number. */
export function stageName(stage: Pick<ProtocolStage, 'number' | 'name'>, term = 'stage'): string {
  return stage.number ? `${term} ${stage.number} '${stage.name}'` : `${term} '${stage.name}'`;
}

/** Every stage the file defines (the general ones, then each pathway's own), by key. */
export function stagesByKey(protocol: Protocol): Map<string, ProtocolStage> {
  const found = new Map<string, ProtocolStage>();
  for (const stage of protocol.stages) found.set(stage.key, stage);
  for (const pathway of protocol.pathways)
    for (const stage of pathway.stages) if (!found.has(stage.key)) found.set(stage.key, stage);
  return found;
}

/** A stage named by its key in words, or the key itself when the file has no such stage. */
export function stageKeyName(protocol: Protocol, key: string): string {
  const stage = stagesByKey(protocol).get(key);
  return stage ? stageName(stage, stageTerm(protocol)) : `${stageTerm(protocol)} '${key}'`;
}

/** "stages 1 to 3" for a run of numbered general stages, else each named: "stages 1, 2 and 4a". */
export function stagesInWords(protocol: Protocol, keys: readonly string[]): string {
  const term = stageTerm(protocol);
  const stages = keys.map((key) => stagesByKey(protocol).get(key));
  const numbers = stages.map((stage) => stage?.number ?? null);
  if (numbers.every((n) => n !== null)) {
    const whole = numbers.map(Number);
    const run =
      whole.every(Number.isInteger) &&
      whole.every((n, i) => i === 0 || n === (whole[i - 1] ?? 0) + 1);
    if (keys.length === 1) return `${term} ${numbers[0]}`;
    if (run && keys.length > 2) return `${term}s ${numbers[0]} to ${numbers.at(-1)}`;
    return `${term}s ${listInWords(numbers as string[])}`;
  }
  if (keys.length === 1) return stageKeyName(protocol, keys[0] ?? '');
  return `${term}s ${listInWords(keys.map((key) => `'${stagesByKey(protocol).get(key)?.name ?? key}'`))}`;
}

/** "within 10 working days of raising, for stages 1 to 3". */
export function capInWords(protocol: Protocol, cap: ProtocolCap): string {
  return `within ${ownTimescaleInWords(cap.timescale)} of ${anchorInWords(protocol, cap.from)}, for ${stagesInWords(protocol, cap.stages)}`;
}

export function anchorInWords(protocol: Protocol, from: string): string {
  return from === 'raised' ? 'raising' : `the start of ${stageKeyName(protocol, from)}`;
}

/** A role, or one of the partnership's own levels, by the name the page gives it. */
export function roleOrLevelName(protocol: Protocol, id: string): string {
  const level = protocol.levels.find((candidate) => candidate.id === id);
  if (level) return level.name;
  return (roleNames as Record<string, string>)[id]?.toLowerCase() ?? id;
}

export function rolesInWords(protocol: Protocol, ids: readonly string[]): string {
  return ids.length === 0 ? 'nobody' : listInWords(ids.map((id) => roleOrLevelName(protocol, id)));
}

export const sideNames: Record<StageSide, string> = {
  both: 'both sides',
  raising: 'the raising agency only',
  partnership: 'the partnership itself',
};

export const chairRuleNames: Record<ChairRule, string> = {
  'partnership-independent-chair': 'the partnership’s independent chair',
  'uninvolved-partnership-member': 'a partnership member from an agency not party to the case',
  'independent-partner-organisation':
    'an independent chair from a partner organisation not party to the case',
  'conference-chair': 'the chair of the child protection conference',
};

export const childsRecordNames: Record<Protocol['recording']['childsRecord'], string> = {
  'not-on-childs-record': 'not on the child’s record',
  'on-childs-record': 'on the child’s record',
  'agency-procedures': 'as each agency’s own procedures say',
};

/** A pathway by its name ("the general pathway" for the stages themselves). */
export function pathwayName(protocol: Protocol, id: string): string {
  if (id === GENERAL_PATHWAY) return 'the general pathway';
  const pathway = protocol.pathways.find((candidate) => candidate.id === id);
  return pathway ? `the ${pathway.name} pathway` : `pathway '${id}'`;
}

/** What entering a stage sets off, one sentence each. */
export function onEntryInWords(protocol: Protocol, stage: ProtocolStage): string[] {
  const { onEntry } = stage;
  const said: string[] = [];
  if (onEntry.notifyMonitoringTeam) said.push(`The ${protocol.terms.monitoringTeam} is told.`);
  if (onEntry.tellOtherAgencyFirst)
    said.push('The escalating agency is reminded to tell the other agency first.');
  if (onEntry.monitoringForm) {
    const form = protocol.forms.find((candidate) => candidate.id === onEntry.monitoringForm);
    said.push(`The monitoring form '${form?.title ?? onEntry.monitoringForm}' is filled in.`);
  }
  if (onEntry.writtenAccount) {
    const by = onEntry.writtenAccount.writtenBy ? ` by ${onEntry.writtenAccount.writtenBy}` : '';
    said.push(`A written account${by}: ${onEntry.writtenAccount.prompt}`);
  }
  if (onEntry.chairedMeeting) {
    const meeting = onEntry.chairedMeeting;
    said.push(
      `A meeting chaired by ${chairRuleNames[meeting.chair]}${meeting.minuted ? ', minuted' : ''}: ${meeting.purpose}`,
    );
  }
  return said;
}

/** Who takes part at a stage, side by side. */
export function stageRolesInWords(protocol: Protocol, stage: ProtocolStage): string {
  const { roles } = stage;
  const parts =
    stage.sides === 'partnership'
      ? [`The partnership: ${rolesInWords(protocol, roles.partnership)}`]
      : [
          `Raising agency: ${rolesInWords(protocol, roles.raising)}`,
          ...(stage.sides === 'both'
            ? [`Other agency: ${rolesInWords(protocol, roles.other)}`]
            : []),
        ];
  for (const [kind, ids] of Object.entries(roles.byAgencyKind))
    parts.push(`At ${kind.replaceAll('-', ' ')} agencies: ${rolesInWords(protocol, ids ?? [])}`);
  return parts.join('; ');
}

/** "9am to 5pm". */
export function workingHoursInWords(hours: { start: string; end: string }): string {
  return `${formatClockTime(Temporal.PlainTime.from(hours.start))} to ${formatClockTime(Temporal.PlainTime.from(hours.end))}`;
}

const weekdayWords: Record<string, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export function weekdaysInWords(days: readonly string[] | undefined): string {
  return listInWords(
    (days ?? ['monday', 'tuesday', 'wednesday', 'thursday', 'friday']).map(
      (day) => weekdayWords[day] ?? day,
    ),
  );
}

export function roleName(role: Role): string {
  return roleNames[role].toLowerCase();
}
