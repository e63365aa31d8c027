import {
  humanise,
  matchBy,
  movedKeys,
  otherChanges,
  type ProtocolChange,
  quotedList,
  same,
  shown,
  textChange,
  wordsChange,
} from './protocolChangeParts.ts';
import type { Protocol, ProtocolCap, ProtocolStage } from './protocolSchema.ts';
import {
  anchorInWords,
  capitalise,
  chairRuleNames,
  ownTimescaleInWords,
  rolesInWords,
  sideNames,
  stageKeyName,
  stageName,
  stagesInWords,
  stageTerm,
} from './protocolWords.ts';

/** The two versions being compared. */
export type Versions = { was: Protocol; now: Protocol };

/** A stage by key in words, as the newer version names it when it still has it. */
function named(versions: Versions, key: string): string {
  const inNow = stageKeyName(versions.now, key);
  return inNow.endsWith(`'${key}'`) ? stageKeyName(versions.was, key) : inNow;
}

/** Where a stage stands in a list of keys: "after stage 3 'Heads of service'", "first". */
function placeIn(versions: Versions, keys: readonly string[], key: string): string {
  const index = keys.indexOf(key);
  const before = keys[index - 1];
  return before === undefined
    ? `as the first ${stageTerm(versions.now)}`
    : `after ${named(versions, before)}`;
}

/**
 * The stages of one ladder, before and after: added (and where), removed, moved, and each kept
 * stage's changes. `where` prefixes each sentence ("On the early help pathway, ").
 */
export function stageListChanges(
  versions: Versions,
  was: readonly ProtocolStage[],
  now: readonly ProtocolStage[],
): ProtocolChange[] {
  const changes: ProtocolChange[] = [];
  const { removed, added, kept } = matchBy(was, now, (stage) => stage.key);
  const term = stageTerm(versions.now);
  const nowKeys = now.map((stage) => stage.key);
  for (const stage of removed)
    changes.push({ text: `${capitalise(stageName(stage, stageTerm(versions.was)))} removed` });
  for (const stage of added)
    changes.push({
      text: `${capitalise(stageName(stage, term))} added ${placeIn(versions, nowKeys, stage.key)}`,
    });
  const moved = movedKeys(
    was.map((stage) => stage.key),
    nowKeys,
  );
  for (const key of moved)
    changes.push({
      text: `${capitalise(named(versions, key))} moved: it now comes ${placeIn(versions, nowKeys, key)}`,
    });
  for (const pair of kept) changes.push(...stageChanges(versions, pair.was, pair.now));
  return changes;
}

/** How one stage changed, field by field. */
export function stageChanges(
  versions: Versions,
  was: ProtocolStage,
  now: ProtocolStage,
): ProtocolChange[] {
  const label = capitalise(stageName(now, stageTerm(versions.now)));
  const ofStage = stageName(now, stageTerm(versions.now));
  const changes: ProtocolChange[] = [];
  if (was.number !== now.number)
    changes.push({
      text: `${capitalise(stageName(was, stageTerm(versions.was)))} is now numbered ${now.number ?? 'without a number'}`,
    });
  if (was.name !== now.name)
    changes.push({
      text: `${capitalise(stageName({ ...now, name: was.name }, stageTerm(versions.now)))} renamed '${now.name}'`,
    });
  changes.push(...stagePartChanges(versions, label, ofStage, was, now));
  changes.push(
    ...otherChanges(ofStage, was, now, [
      'key',
      'number',
      'name',
      'who',
      'sides',
      'roles',
      'timescale',
      'guidance',
      'prompts',
      'source',
      'jumpsTo',
      'onEntry',
    ]),
  );
  return changes;
}

type StagePart = Partial<
  Pick<ProtocolStage, 'who' | 'sides' | 'roles' | 'guidance' | 'prompts' | 'timescale' | 'source'>
> &
  Partial<Pick<ProtocolStage, 'jumpsTo' | 'onEntry'>>;

/**
 * The parts of a stage a pathway may also change at a stage (atStages), worded; `label` begins
 * a sentence ("Stage 2 'Managers'"), `of` ends one ("guidance of stage 2 'Managers'").
 * An undefined part of a pathway's change reads as the general pathway's.
 */
export function stagePartChanges(
  versions: Versions,
  label: string,
  of: string,
  was: StagePart,
  now: StagePart,
  unset = 'the same as on the general pathway',
): ProtocolChange[] {
  const changes: ProtocolChange[] = [];
  changes.push(...textChange(`Who takes part at ${of}`, was.who, now.who, { long: true }));
  if (was.sides !== now.sides)
    changes.push({
      text: `${label}: now taken by ${now.sides ? sideNames[now.sides] : unset} (was ${was.sides ? sideNames[was.sides] : unset})`,
    });
  if (!same(was.roles, now.roles)) {
    const sides = ['raising', 'other', 'partnership'] as const;
    const sideLabel = {
      raising: 'the raising agency',
      other: 'the other agency',
      partnership: 'the partnership',
    };
    let said = false;
    for (const side of sides) {
      const before = was.roles?.[side] ?? [];
      const after = now.roles?.[side] ?? [];
      if (!same(before, after)) {
        said = true;
        changes.push({
          text: `${label}: ${sideLabel[side]}’s people changed from ${rolesInWords(versions.was, before)} to ${rolesInWords(versions.now, after)}`,
        });
      }
    }
    if (!same(was.roles?.byAgencyKind ?? {}, now.roles?.byAgencyKind ?? {}) || !said)
      changes.push({
        text: `${label}: the roles by kind of agency changed`,
        was: shown(was.roles?.byAgencyKind ?? {}),
        now: shown(now.roles?.byAgencyKind ?? {}),
      });
  }
  if (!same(was.timescale, now.timescale))
    changes.push(
      ...wordsChange(
        `${label}: timescale`,
        was.timescale ? ownTimescaleInWords(was.timescale) : unset,
        now.timescale ? ownTimescaleInWords(now.timescale) : unset,
      ),
    );
  changes.push(...textChange(`Guidance of ${of}`, was.guidance, now.guidance, { long: true }));
  if (!same(was.prompts, now.prompts))
    changes.push({
      text: `Prompts of ${of} changed`,
      was: was.prompts ? was.prompts.join('\n') || '(none)' : unset,
      now: now.prompts ? now.prompts.join('\n') || '(none)' : unset,
    });
  changes.push(...textChange(`Source of ${of}`, was.source, now.source));
  const jumpsWas = was.jumpsTo ?? [];
  const jumpsNow = now.jumpsTo ?? [];
  const newJumps = jumpsNow.filter((key) => !jumpsWas.includes(key));
  const oldJumps = jumpsWas.filter((key) => !jumpsNow.includes(key));
  if (newJumps.length > 0)
    changes.push({
      text: `${label}: may now jump straight to ${newJumps.map((key) => named(versions, key)).join(' or ')}`,
    });
  if (oldJumps.length > 0)
    changes.push({
      text: `${label}: may no longer jump straight to ${oldJumps.map((key) => named(versions, key)).join(' or ')}`,
    });
  if (was.onEntry && now.onEntry)
    changes.push(...onEntryChanges(versions, label, was.onEntry, now.onEntry));
  return changes;
}

function onEntryChanges(
  versions: Versions,
  label: string,
  was: ProtocolStage['onEntry'],
  now: ProtocolStage['onEntry'],
): ProtocolChange[] {
  const changes: ProtocolChange[] = [];
  const team = versions.now.terms.monitoringTeam;
  if (was.notifyMonitoringTeam !== now.notifyMonitoringTeam)
    changes.push({
      text: `${label}: the ${team} is ${now.notifyMonitoringTeam ? 'now' : 'no longer'} told when a disagreement enters it`,
    });
  if (was.tellOtherAgencyFirst !== now.tellOtherAgencyFirst)
    changes.push({
      text: `${label}: the escalating agency is ${now.tellOtherAgencyFirst ? 'now' : 'no longer'} reminded to tell the other agency first`,
    });
  if (was.monitoringForm !== now.monitoringForm) {
    const title = (protocol: Protocol, id: string) =>
      `'${protocol.forms.find((form) => form.id === id)?.title ?? id}'`;
    changes.push({
      text: now.monitoringForm
        ? `${label}: entering it now fills the monitoring form ${title(versions.now, now.monitoringForm)}${was.monitoringForm ? ` (was ${title(versions.was, was.monitoringForm)})` : ''}`
        : `${label}: entering it no longer fills a monitoring form`,
    });
  }
  if (!same(was.writtenAccount, now.writtenAccount)) {
    if (!was.writtenAccount)
      changes.push({
        text: `${label}: now asks for a written account`,
        now: now.writtenAccount?.prompt ?? '',
      });
    else if (!now.writtenAccount)
      changes.push({ text: `${label}: no longer asks for a written account` });
    else {
      changes.push(
        ...textChange(
          `${label}: the written account’s prompt`,
          was.writtenAccount.prompt,
          now.writtenAccount.prompt,
        ),
      );
      changes.push(
        ...textChange(
          `${label}: who writes the written account`,
          was.writtenAccount.writtenBy,
          now.writtenAccount.writtenBy,
        ),
      );
    }
  }
  const meetingWas = was.chairedMeeting;
  const meetingNow = now.chairedMeeting;
  if (!same(meetingWas, meetingNow)) {
    if (!meetingWas)
      changes.push({
        text: `${label}: now has a meeting chaired by ${chairRuleNames[meetingNow?.chair ?? 'conference-chair']}`,
      });
    else if (!meetingNow) changes.push({ text: `${label}: no longer has a chaired meeting` });
    else {
      changes.push(
        ...wordsChange(
          `${label}: the meeting’s chair`,
          chairRuleNames[meetingWas.chair],
          chairRuleNames[meetingNow.chair],
        ),
      );
      changes.push(
        ...textChange(`${label}: the meeting’s purpose`, meetingWas.purpose, meetingNow.purpose),
      );
      if (meetingWas.minuted !== meetingNow.minuted)
        changes.push({
          text: `${label}: the meeting is ${meetingNow.minuted ? 'now' : 'no longer'} minuted`,
        });
    }
  }
  changes.push(
    ...otherChanges(`what entering ${label.toLowerCase()} sets off`, was, now, [
      'notifyMonitoringTeam',
      'tellOtherAgencyFirst',
      'monitoringForm',
      'writtenAccount',
      'chairedMeeting',
    ]),
  );
  return changes;
}

/**
 * A ladder given as keys (a pathway's `ladder`): stages added to it, taken out of it, moved.
 * Keys in `skip` (stages the pathway itself added or removed) are said elsewhere.
 */
export function keyListChanges(
  versions: Versions,
  label: string,
  was: readonly string[],
  now: readonly string[],
  skip: ReadonlySet<string> = new Set(),
): ProtocolChange[] {
  const changes: ProtocolChange[] = [];
  for (const key of now)
    if (!was.includes(key) && !skip.has(key))
      changes.push({
        text: `${label}: ${named(versions, key)} added ${placeIn(versions, now, key)}`,
      });
  for (const key of was)
    if (!now.includes(key) && !skip.has(key))
      changes.push({ text: `${label}: ${named(versions, key)} taken out of its ladder` });
  for (const key of movedKeys(was, now))
    changes.push({
      text: `${label}: ${named(versions, key)} moved: it now comes ${placeIn(versions, now, key)}`,
    });
  return changes;
}

/** Caps (the protocol's, a pathway's or the urgent route's), matched by name. */
export function capListChanges(
  versions: Versions,
  was: readonly ProtocolCap[],
  now: readonly ProtocolCap[],
): ProtocolChange[] {
  const changes: ProtocolChange[] = [];
  const { removed, added, kept } = matchBy(was, now, (cap) => cap.name);
  for (const cap of removed) changes.push({ text: `Cap '${cap.name}' removed` });
  for (const cap of added)
    changes.push({
      text: `Cap '${cap.name}' added: within ${ownTimescaleInWords(cap.timescale)} of ${anchorInWords(versions.now, cap.from)}, for ${stagesInWords(versions.now, cap.stages)}`,
    });
  for (const { was: before, now: after } of kept) {
    const label = `Cap '${after.name}'`;
    if (!same(before.stages, after.stages))
      changes.push({
        text: `${label} now covers ${stagesInWords(versions.now, after.stages)} (it covered ${stagesInWords(versions.was, before.stages)})`,
      });
    if (before.from !== after.from)
      changes.push({
        text: `${label} now runs from ${anchorInWords(versions.now, after.from)} (it ran from ${anchorInWords(versions.was, before.from)})`,
      });
    changes.push(
      ...wordsChange(
        `${label}: limit`,
        ownTimescaleInWords(before.timescale),
        ownTimescaleInWords(after.timescale),
      ),
    );
    changes.push(...textChange(`Source of cap '${after.name}'`, before.source, after.source));
    changes.push(
      ...otherChanges(`cap '${after.name}'`, before, after, [
        'name',
        'stages',
        'from',
        'timescale',
        'source',
      ]),
    );
  }
  return changes;
}

/** Items of a list of texts added and removed: "Prompt 'Ring first' added". */
export function textListChanges(
  what: string,
  was: readonly string[],
  now: readonly string[],
): ProtocolChange[] {
  const added = now.filter((item) => !was.includes(item));
  const removed = was.filter((item) => !now.includes(item));
  const changes: ProtocolChange[] = [];
  if (added.length > 0) changes.push({ text: `${capitalise(what)} added: ${quotedList(added)}` });
  if (removed.length > 0)
    changes.push({ text: `${capitalise(what)} removed: ${quotedList(removed)}` });
  if (added.length === 0 && removed.length === 0 && !same(was, now))
    changes.push({ text: `The order of the ${humanise(what)} changed` });
  return changes;
}
