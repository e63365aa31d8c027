import type { z } from 'zod';
import { Invalid } from '../errors.ts';
import { type AgencyKind, roles as allRoles, categories, GENERAL_PATHWAY } from '../vocabulary.ts';
import {
  type Protocol,
  type ProtocolCap,
  type ProtocolStage,
  protocolSchema,
} from './protocolSchema.ts';
import { readYaml, wherePlace } from './readYaml.ts';
import { stageRoles, stageSchema } from './stageSchema.ts';

/** A protocol file is a few kilobytes; anything near this is not one. */
export const MAX_PROTOCOL_FILE_BYTES = 1024 * 1024;

export type ProtocolProblem = { path: string; message: string };

export type ProtocolCheck =
  | { ok: true; protocol: Protocol }
  | { ok: false; problems: ProtocolProblem[] };

/** One line per problem: "stages[2].timescale.amount: must be a positive whole number". */
export function describeProblem(problem: ProtocolProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/** Reads a protocol file's YAML text and checks it completely. */
export function parseProtocolFile(source: string): ProtocolCheck {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_PROTOCOL_FILE_BYTES) {
    return {
      ok: false,
      problems: [
        {
          path: '',
          message: `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB: a protocol file may be at most 1 MB`,
        },
      ],
    };
  }
  const read = readYaml(source);
  if (!read.ok) {
    return {
      ok: false,
      problems: read.problems.map((problem) => ({
        path: wherePlace(problem),
        message: problem.message,
      })),
    };
  }
  return validateProtocol(read.value);
}

export function validateProtocol(data: unknown): ProtocolCheck {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      ok: false,
      problems: [
        {
          path: '',
          message: 'the file must describe a protocol: fields such as id, version, name and stages',
        },
      ],
    };
  }
  const parsed = protocolSchema.safeParse(data, { error: readableIssue });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: issue.message,
      })),
    };
  }
  const problems = crossReferenceProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, protocol: parsed.data };
}

function readableIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input === undefined && issue.code !== 'custom') return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a set of fields' : `a ${issue.expected}`}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return undefined;
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

type StageDefinition = { stage: ProtocolStage; path: string };

/** The checks no single field can make: every key named must exist, and ladders must make sense. */
function crossReferenceProblems(protocol: Protocol): ProtocolProblem[] {
  const problems: ProtocolProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  const definitions = new Map<string, StageDefinition>();
  const define = (stage: ProtocolStage, path: string) => {
    const earlier = definitions.get(stage.key);
    if (earlier) problem(`${path}.key`, `"${stage.key}" is already the key of ${earlier.path}`);
    else definitions.set(stage.key, { stage, path });
  };
  protocol.stages.forEach((stage, i) => {
    define(stage, `stages[${i}]`);
  });
  protocol.pathways.forEach((pathway, p) => {
    pathway.stages.forEach((stage, i) => {
      define(stage, `pathways[${p}].stages[${i}]`);
    });
  });
  const stageExists = (key: string) => definitions.has(key);

  const generalLadder = protocol.stages.map((stage) => stage.key);
  const ladders: { keys: string[]; label: string }[] = [
    { keys: generalLadder, label: 'the general ladder' },
  ];

  const pathwayIds = new Set<string>();
  protocol.pathways.forEach((pathway, p) => {
    const path = `pathways[${p}]`;
    if (pathway.id === GENERAL_PATHWAY) {
      problem(`${path}.id`, '"general" is the main ladder (stages): choose another id');
    } else if (pathwayIds.has(pathway.id)) {
      problem(`${path}.id`, `"${pathway.id}" is used by another pathway`);
    }
    pathwayIds.add(pathway.id);

    if (pathway.stages.length > 0 && !pathway.ladder) {
      problem(
        `${path}.ladder`,
        'is required when the pathway adds stages: list its stages in order',
      );
    }
    const keys = pathway.ladder ?? generalLadder;
    const ownKeys = new Set(pathway.stages.map((stage) => stage.key));
    pathway.ladder?.forEach((stageKey, i) => {
      if (!stageExists(stageKey)) {
        problem(`${path}.ladder[${i}]`, `unknown stage "${stageKey}"`);
      } else if (!generalLadder.includes(stageKey) && !ownKeys.has(stageKey)) {
        problem(
          `${path}.ladder[${i}]`,
          `"${stageKey}" belongs to another pathway: define it in this pathway's stages`,
        );
      } else if (keys.indexOf(stageKey) !== i) {
        problem(`${path}.ladder[${i}]`, `"${stageKey}" is listed twice`);
      }
    });
    pathway.stages.forEach((stage, i) => {
      if (!keys.includes(stage.key)) {
        problem(`${path}.stages[${i}].key`, `"${stage.key}" is not in the pathway's ladder`);
      }
    });
    for (const [stageKey, changes] of Object.entries(pathway.atStages)) {
      if (!keys.includes(stageKey)) {
        problem(`${path}.atStages.${stageKey}`, `"${stageKey}" is not a stage of this pathway`);
        continue;
      }
      // The stage as the pathway changes it must still be a stage the format allows.
      const base =
        pathway.stages.find((stage) => stage.key === stageKey) ??
        protocol.stages.find((stage) => stage.key === stageKey);
      const changed = base && stageSchema.safeParse({ ...base, ...definedOnly(changes) });
      if (changed && !changed.success) {
        for (const issue of changed.error.issues) {
          problem(`${path}.atStages.${stageKey}.${formatPath(issue.path)}`, issue.message);
        }
      }
    }
    ladders.push({ keys, label: `pathway "${pathway.id}"` });
  });

  for (const [stageKey, { stage, path }] of definitions) {
    stage.jumpsTo.forEach((target, j) => {
      const where = `${path}.jumpsTo[${j}]`;
      // A pathway that leaves the target out simply offers no such jump.
      const sharedLadders = ladders.filter(
        (ladder) => ladder.keys.includes(stageKey) && ladder.keys.includes(target),
      );
      if (!stageExists(target)) {
        problem(where, `unknown stage "${target}"`);
      } else if (sharedLadders.length === 0) {
        problem(where, `"${target}" is on no ladder with "${stageKey}"`);
      } else if (
        sharedLadders.some((ladder) => ladder.keys.indexOf(target) <= ladder.keys.indexOf(stageKey))
      ) {
        problem(where, `"${target}" is not a later stage than "${stageKey}"`);
      }
    });
    const form = stage.onEntry.monitoringForm;
    if (form && !protocol.forms.some((candidate) => candidate.id === form)) {
      problem(`${path}.onEntry.monitoringForm`, `unknown form "${form}"`);
    }
  }

  const capProblems = (cap: ProtocolCap, path: string, onLadders: typeof ladders) => {
    cap.stages.forEach((stageKey, i) => {
      if (!stageExists(stageKey)) problem(`${path}.stages[${i}]`, `unknown stage "${stageKey}"`);
    });
    if (cap.from === 'raised') return;
    if (!stageExists(cap.from)) {
      problem(`${path}.from`, `must be raised or a stage key; unknown stage "${cap.from}"`);
      return;
    }
    // On every ladder with a stage the cap covers, its start must come at or before that stage.
    for (const ladder of onLadders) {
      const anchor = ladder.keys.indexOf(cap.from);
      const covered = cap.stages.filter((stageKey) => ladder.keys.includes(stageKey));
      if (covered.length === 0) continue;
      if (anchor === -1) {
        problem(
          `${path}.from`,
          `"${cap.from}" is not on ${ladder.label}, which has stages the cap covers`,
        );
      } else if (covered.some((stageKey) => ladder.keys.indexOf(stageKey) < anchor)) {
        problem(
          `${path}.from`,
          `"${cap.from}" comes after a stage the cap covers, on ${ladder.label}`,
        );
      }
    }
  };
  protocol.caps.forEach((cap, c) => {
    capProblems(cap, `caps[${c}]`, ladders);
  });
  protocol.pathways.forEach((pathway, p) => {
    const own = ladders.filter((ladder) => ladder.label === `pathway "${pathway.id}"`);
    pathway.caps.forEach((cap, c) => {
      capProblems(cap, `pathways[${p}].caps[${c}]`, own);
      cap.stages.forEach((stageKey, i) => {
        if (stageExists(stageKey) && !own.some((ladder) => ladder.keys.includes(stageKey))) {
          problem(
            `pathways[${p}].caps[${c}].stages[${i}]`,
            `"${stageKey}" is not on this pathway's ladder`,
          );
        }
      });
    });
  });
  protocol.urgent.caps.forEach((cap, c) => {
    capProblems(cap, `urgent.caps[${c}]`, ladders);
  });

  const numbersReported = new Set<string>();
  for (const ladder of ladders) {
    const seen = new Map<string, string>();
    for (const stageKey of ladder.keys) {
      const definition = definitions.get(stageKey);
      const number = definition?.stage.number;
      if (!definition || !number) continue;
      const other = seen.get(number);
      if (other && other !== stageKey && !numbersReported.has(definition.path)) {
        numbersReported.add(definition.path);
        problem(
          `${definition.path}.number`,
          `"${number}" is also the number of "${other}" on ${ladder.label}`,
        );
      }
      seen.set(number, stageKey);
    }
  }

  for (const [category, pathwayId] of Object.entries(protocol.categories)) {
    if (!(categories as readonly string[]).includes(category)) {
      problem(`categories.${category}`, `unknown category "${category}"`);
    }
    if (pathwayId !== GENERAL_PATHWAY && !pathwayIds.has(pathwayId)) {
      problem(`categories.${category}`, `unknown pathway "${pathwayId}"`);
    }
  }

  if (protocol.urgent.pathway !== undefined) {
    const chosen = protocol.urgent.pathway;
    if (chosen !== GENERAL_PATHWAY && !pathwayIds.has(chosen)) {
      problem('urgent.pathway', `unknown pathway "${chosen}"`);
    }
  }

  // A pathway nothing can select is a mistake: a category, the urgent route or the raiser must.
  const selectable = new Set<string>([
    ...Object.values(protocol.categories),
    ...(protocol.urgent.pathway ? [protocol.urgent.pathway] : []),
  ]);
  protocol.pathways.forEach((pathway, p) => {
    if (!pathway.raiserMayChoose && !selectable.has(pathway.id)) {
      problem(
        `pathways[${p}].id`,
        `nothing selects pathway "${pathway.id}": name it under categories or urgent.pathway, or set raiserMayChoose: true`,
      );
    }
  });

  const offered = protocol.categoryGroups?.flatMap((group) => group.categories.map((c) => c.id));
  if (offered) {
    const seenCategories = new Set<string>();
    protocol.categoryGroups?.forEach((group, g) => {
      group.categories.forEach((category, i) => {
        if (seenCategories.has(category.id)) {
          problem(`categoryGroups[${g}].categories[${i}].id`, `"${category.id}" is listed twice`);
        }
        seenCategories.add(category.id);
      });
    });
    for (const category of Object.keys(protocol.categories)) {
      if (!(offered as readonly string[]).includes(category)) {
        problem(`categories.${category}`, `"${category}" is not offered under categoryGroups`);
      }
    }
  }

  const levelIds = new Set<string>();
  protocol.levels.forEach((level, l) => {
    // Any role's id, admin's too: a stage naming the level would otherwise find the role's people.
    if ((allRoles as readonly string[]).includes(level.id)) {
      problem(`levels[${l}].id`, `"${level.id}" is a role: choose another id for the level`);
      return;
    }
    if (levelIds.has(level.id)) {
      problem(`levels[${l}].id`, `"${level.id}" is used by another level`);
    }
    levelIds.add(level.id);
  });
  const roleOrLevelProblems = (names: readonly string[], path: string) => {
    names.forEach((name, i) => {
      if (!(stageRoles as readonly string[]).includes(name) && !levelIds.has(name)) {
        problem(
          `${path}[${i}]`,
          `unknown role or level "${name}": the roles are ${stageRoles.join(', ')}; levels are listed under levels`,
        );
      }
    });
  };
  const stageRolesProblems = (roles: ProtocolStage['roles'], path: string) => {
    roleOrLevelProblems(roles.raising, `${path}.raising`);
    roleOrLevelProblems(roles.other, `${path}.other`);
    roleOrLevelProblems(roles.partnership, `${path}.partnership`);
    for (const [kind, names] of Object.entries(roles.byAgencyKind)) {
      roleOrLevelProblems(names ?? [], `${path}.byAgencyKind.${kind}`);
      // A level no one of that kind of agency may hold would find nobody there.
      names?.forEach((name, i) => {
        const level = protocol.levels.find((each) => each.id === name);
        if (level?.agencyKinds && !level.agencyKinds.includes(kind as AgencyKind)) {
          problem(
            `${path}.byAgencyKind.${kind}[${i}]`,
            `"${name}" is a level of ${level.agencyKinds.join(', ')} agencies: nobody of a ${kind} agency holds it`,
          );
        }
      });
    }
  };
  for (const { stage, path } of definitions.values())
    stageRolesProblems(stage.roles, `${path}.roles`);
  protocol.pathways.forEach((pathway, p) => {
    for (const [stageKey, changes] of Object.entries(pathway.atStages)) {
      if (changes.roles)
        stageRolesProblems(changes.roles, `pathways[${p}].atStages.${stageKey}.roles`);
    }
  });

  const formIds = new Set<string>();
  protocol.forms.forEach((form, f) => {
    if (formIds.has(form.id)) problem(`forms[${f}].id`, `"${form.id}" is used by another form`);
    formIds.add(form.id);
    form.fields.forEach((field, i) => {
      field.stages?.forEach((stageKey, s) => {
        if (!stageExists(stageKey))
          problem(`forms[${f}].fields[${i}].stages[${s}]`, `unknown stage "${stageKey}"`);
      });
      if (field.stage && !stageExists(field.stage)) {
        problem(`forms[${f}].fields[${i}].stage`, `unknown stage "${field.stage}"`);
      }
    });
  });

  protocol.delay?.stages?.forEach((stageKey, i) => {
    if (!stageExists(stageKey)) problem(`delay.stages[${i}]`, `unknown stage "${stageKey}"`);
  });

  learningSubgroupProblems(protocol, problem);
  return problems;
}

/** Each lesson theme the partnership uses goes to exactly one subgroup. */
function learningSubgroupProblems(
  protocol: Protocol,
  problem: (path: string, message: string) => void,
): void {
  const { subgroups, themes } = protocol.learning;
  const claimedBy = new Map<string, number>();
  const names = new Set<string>();
  let catchAll: number | undefined;
  subgroups.forEach((subgroup, index) => {
    const path = `learning.subgroups[${index}]`;
    if (names.has(subgroup.name)) problem(`${path}.name`, `"${subgroup.name}" is named twice`);
    names.add(subgroup.name);
    if (!subgroup.themes) {
      if (catchAll !== undefined) {
        problem(
          `${path}.themes`,
          `learning.subgroups[${catchAll}] already takes the themes no other subgroup names: list this one's themes`,
        );
      }
      catchAll = index;
      return;
    }
    for (const theme of subgroup.themes) {
      const earlier = claimedBy.get(theme);
      if (earlier !== undefined) {
        problem(`${path}.themes`, `${theme} already goes to learning.subgroups[${earlier}]`);
      } else if (!themes.includes(theme)) {
        problem(`${path}.themes`, `${theme} is not one of learning.themes`);
      }
      claimedBy.set(theme, index);
    }
  });
  if (catchAll === undefined) {
    const unrouted = themes.filter((theme) => !claimedBy.has(theme));
    if (unrouted.length > 0) {
      problem(
        'learning.subgroups',
        `no subgroup takes ${unrouted.join(', ')}: list it under one, or add a subgroup without themes`,
      );
    }
  }
}

/** A checked protocol, or an Invalid error listing each problem under `protocol.`. */
export function protocolOrInvalid(source: string): Protocol {
  const check = parseProtocolFile(source);
  if (!check.ok) {
    throw new Invalid(
      'The protocol file has problems',
      check.problems.map((problem) => ({
        path: `protocol.${problem.path}`,
        message: problem.message,
      })),
    );
  }
  return check.protocol;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
