import { formatInstant, listInWords } from '../../../domain/calendar/formatting.ts';
import { ladderFor } from '../../../domain/protocol/ladder.ts';
import { categoryName } from '../../../domain/protocol/offeredCategories.ts';
import type { Protocol, ProtocolCap } from '../../../domain/protocol/protocolSchema.ts';
import {
  capInWords,
  capitalise,
  childsRecordNames,
  onEntryInWords,
  ownTimescaleInWords,
  pathwayName,
  stageKeyName,
  stageRolesInWords,
  stageTerm,
  weekdaysInWords,
  workingHoursInWords,
} from '../../../domain/protocol/protocolWords.ts';
import { timescaleInWords as ladderTimescaleInWords } from '../../../domain/protocol/timescaleWords.ts';
import { GENERAL_PATHWAY, type Role } from '../../../domain/vocabulary.ts';
import {
  agencyKindNames,
  calendarNames,
  lessonThemeNames,
  roleNames,
} from '../../../domain/vocabularyNames.ts';
import type { ProtocolVersionEntry } from '../../../services/protocolVersions.ts';

// The protocol page in words: the version in force, its ladders, its urgent route, recording and
// learning, and the table of every version.

const limits = (protocol: Protocol, caps: readonly ProtocolCap[], key: string) =>
  caps
    .filter((cap) => cap.stages.includes(key))
    .map((cap) => `The limit for ${cap.name}: ${capInWords(protocol, cap)}`);

function ladderView(protocol: Protocol, pathwayId: string) {
  const pathway = protocol.pathways.find((candidate) => candidate.id === pathwayId);
  const caps = [...protocol.caps, ...(pathway?.caps ?? [])];
  const ladder = ladderFor(protocol, pathwayId);
  const categories = Object.entries(protocol.categories)
    .filter(([, id]) => id === pathwayId)
    .map(([category]) => categoryName(protocol, category));
  const chosenBy = [
    ...(categories.length > 0
      ? [`Disagreements about ${listInWords(categories.map((c) => c.toLowerCase()))}`]
      : []),
    ...(pathway?.raiserMayChoose ? ['The raiser may choose it when raising'] : []),
    ...(protocol.urgent.pathway === pathwayId ? ['Urgent disagreements take it'] : []),
  ];
  return {
    id: pathwayId,
    heading:
      pathwayId === GENERAL_PATHWAY ? 'The general pathway' : `The ${ladder.pathwayName} pathway`,
    guidance: ladder.guidance,
    notice: ladder.notice,
    chosenBy:
      pathwayId === GENERAL_PATHWAY
        ? 'Every disagreement no other pathway takes'
        : chosenBy.join('. ') || 'Nothing chooses it',
    stages: ladder.stages.map((stage) => ({
      number: stage.number ?? '',
      name: stage.name,
      who: stage.who,
      roles: stageRolesInWords(protocol, stage),
      // A stage with only a limit over several is not without a timescale: the limit sets it.
      timescale:
        stage.timescale.unit === 'none'
          ? capitalise(ladderTimescaleInWords(protocol, ladder, stage, { urgent: false }))
          : capitalise(ownTimescaleInWords(stage.timescale)),
      limits: limits(protocol, caps, stage.key),
      onEntry: [
        ...onEntryInWords(protocol, stage),
        ...(stage.jumpsTo.length > 0
          ? [
              `May jump straight to ${stage.jumpsTo.map((key) => stageKeyName(protocol, key)).join(' or ')}.`,
            ]
          : []),
      ],
    })),
  };
}

const who = (entry: ProtocolVersionEntry) =>
  entry.adoptedByName ??
  (entry.adoptedBy ? 'someone no longer in the directory' : 'an operator, on the command line');

const casesInWords = (entry: ProtocolVersionEntry) =>
  `${entry.openCases} open of ${entry.cases} ${entry.cases === 1 ? 'case' : 'cases'}`;

export function versionRows(versions: readonly ProtocolVersionEntry[], timeZone: string) {
  return versions.map((entry, index) => ({
    version: entry.version,
    name: entry.name,
    adopted: `${formatInstant(Temporal.Instant.from(entry.adoptedAt), timeZone)}, by ${who(entry)}`,
    reason: entry.reason ?? '',
    cases: casesInWords(entry),
    download: `/protocol/versions/${entry.version}.yaml`,
    compare:
      index < versions.length - 1
        ? `/protocol/versions/compare?from=${versions[index + 1]?.version}&to=${entry.version}`
        : null,
  }));
}

export function protocolView(input: {
  inForce: ProtocolVersionEntry;
  protocol: Protocol;
  versions: readonly ProtocolVersionEntry[];
}) {
  const { inForce, protocol } = input;
  const timeZone = protocol.calendar.timeZone;
  const { urgent, recording, learning } = protocol;
  return {
    pageTitle: 'Protocol',
    name: protocol.name,
    summary: protocol.summary,
    inForce: {
      version: inForce.version,
      adoptedAt: formatInstant(Temporal.Instant.from(inForce.adoptedAt), timeZone),
      adoptedBy: who(inForce),
      reason: inForce.reason,
      cases: casesInWords(inForce),
    },
    workingTime: `${workingHoursInWords(protocol.calendar.workingHours)}, ${weekdaysInWords(protocol.calendar.workingWeekdays)}, except ${calendarNames[protocol.calendar.region]} bank holidays`,
    stageTerm: stageTerm(protocol),
    ladders: [GENERAL_PATHWAY, ...protocol.pathways.map((pathway) => pathway.id)].map((id) =>
      ladderView(protocol, id),
    ),
    urgent: {
      guidance: urgent.guidance,
      told: urgent.notifyMonitoringTeam
        ? `The ${protocol.terms.monitoringTeam} is told of every urgent disagreement.`
        : `The ${protocol.terms.monitoringTeam} is not told of urgent disagreements unless a stage says so.`,
      pathway: urgent.pathway
        ? capitalise(pathwayName(protocol, urgent.pathway))
        : 'The pathway its category takes',
      limits: urgent.caps.map((cap) => `The limit for ${cap.name}: ${capInWords(protocol, cap)}`),
    },
    recording: {
      where: capitalise(childsRecordNames[recording.childsRecord]),
      guidance: recording.guidance,
    },
    learning: {
      route: learning.route,
      guidance: learning.guidance,
      themes: listInWords(learning.themes.map((theme) => lessonThemeNames[theme])),
      subgroups: learning.subgroups.map(
        (subgroup) =>
          `${subgroup.name}: ${subgroup.themes ? listInWords(subgroup.themes.map((theme) => lessonThemeNames[theme].toLowerCase())) : 'every other theme'}`,
      ),
    },
    levels: protocol.levels.map((level) => ({
      name: level.name,
      role: roleNames[level.role as Role],
      agencyKinds: level.agencyKinds
        ? listInWords(level.agencyKinds.map((kind) => agencyKindNames[kind]))
        : 'Any',
    })),
    categoryGroups: (protocol.categoryGroups ?? []).map((group) => ({
      name: group.name,
      categories: group.categories.map((category) => categoryName(protocol, category.id)),
    })),
    versions: versionRows(input.versions, timeZone),
  };
}
