import { capListNames, capsPath, readAt, writeAt } from './capForm.ts';
import { type DraftData, entries, isRecord, list, rec, str, strs } from './draftData.ts';

// Where a draft names a stage by its key, so that removing a stage or changing its key
// changes every place at once: stages' jumps, pathways' ladders and changes at stages, every
// list of limits (the protocol's, the urgent route's, each pathway's: the stages covered and
// the stage counted from), forms' fields and the delay guidance's stages.

type Path = readonly (string | number)[];

/** A place naming the stage: in a list of keys, as a single key, or as a property name. */
export type StageReference = { path: Path; kind: 'list' | 'one' | 'propertyName' };

/** Every place the draft names the stage `key`. */
export function stageKeyReferences(data: DraftData, key: string): StageReference[] {
  if (key === '') return [];
  const found: StageReference[] = [];
  const inList = (path: Path) => {
    if (strs(readAt(data, path)).includes(key)) found.push({ path, kind: 'list' });
  };
  const one = (path: Path) => {
    if (str(readAt(data, path)) === key) found.push({ path, kind: 'one' });
  };
  list(data.stages).forEach((_, i) => {
    inList(['stages', i, 'jumpsTo']);
  });
  entries(data.pathways).forEach((pathway, p) => {
    list(pathway.stages).forEach((_, i) => {
      inList(['pathways', p, 'stages', i, 'jumpsTo']);
    });
    inList(['pathways', p, 'ladder']);
    if (isRecord(pathway.atStages) && key in pathway.atStages) {
      found.push({ path: ['pathways', p, 'atStages'], kind: 'propertyName' });
    }
  });
  for (const name of capListNames(data)) {
    const path = capsPath(name);
    if (!path) continue;
    list(readAt(data, path)).forEach((_, c) => {
      inList([...path, c, 'stages']);
      one([...path, c, 'from']);
    });
  }
  entries(data.forms).forEach((form, f) => {
    list(form.fields).forEach((_, i) => {
      inList(['forms', f, 'fields', i, 'stages']);
      one(['forms', f, 'fields', i, 'stage']);
    });
  });
  inList(['delay', 'stages']);
  return found;
}

/**
 * The draft with every reference to stage `key` changed to `to`, or, with `to` undefined,
 * taken out of lists and changes at stages (a single key, such as the stage a limit counts
 * from, is left for the checker to point out).
 */
export function rewriteStageReferences(
  data: DraftData,
  key: string,
  to: string | undefined,
): DraftData {
  let changed = data;
  for (const { path, kind } of stageKeyReferences(data, key)) {
    const value = readAt(changed, path);
    if (kind === 'list') {
      const keys = list(value);
      changed = writeAt(
        changed,
        path,
        to === undefined
          ? keys.filter((candidate) => str(candidate) !== key)
          : keys.map((candidate) => (str(candidate) === key ? to : candidate)),
      );
    } else if (kind === 'one') {
      if (to !== undefined) changed = writeAt(changed, path, to);
    } else {
      changed = writeAt(
        changed,
        path,
        Object.fromEntries(
          Object.entries(rec(value)).flatMap(([name, change]) =>
            name !== key ? [[name, change]] : to === undefined ? [] : [[to, change]],
          ),
        ),
      );
    }
  }
  return changed;
}
