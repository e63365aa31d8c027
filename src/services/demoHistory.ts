import { lessonsRepository } from '../db/repositories/lessonsRepository.ts';
import { isoInstant } from '../domain/clock.ts';
import { holdingRole } from '../domain/directory/directory.ts';
import { type CaseStatus, caseStatuses } from '../domain/disagreement/disagreement.ts';
import type { Category } from '../domain/vocabulary.ts';
import type { CaseDeps } from './caseDeps.ts';
import { partnershipSetting, storeSimulatedCases } from './generation/generateCases.ts';
import { seededRandom } from './generation/random.ts';

/** Cases of each demo partnership before the demo's own: seven years of them, every one ended. */
export const DEMO_HISTORY_CASES = 120;
const DEMO_HISTORY_YEARS = 7;

/**
 * Each demo partnership's past, so its dashboard and learning log have something to show:
 * cases raised, resolved, closed and withdrawn over seven years up to two months before the
 * load, across every pathway and stage, some late, made by the case commands as the generator
 * makes them (the same every time: a seed each). None is left open, so none sends a message.
 */
export async function loadDemoHistory(
  deps: CaseDeps,
  partnershipIds: readonly string[],
  via: 'cli' | 'system',
) {
  const now = deps.clock.now();
  const byStatus: Record<CaseStatus, number> = { open: 0, resolved: 0, closed: 0, withdrawn: 0 };
  let seed = 2026;
  for (const partnershipId of partnershipIds) {
    const setting = await partnershipSetting(deps, partnershipId);
    const made = await storeSimulatedCases(deps, setting, {
      cases: DEMO_HISTORY_CASES,
      window: {
        from: now.subtract({ hours: 24 * Math.round(365.25 * DEMO_HISTORY_YEARS) }),
        to: now.subtract({ hours: 24 * 60 }),
      },
      random: seededRandom(seed++),
      // Each of the protocol's own pathways twice over, then what chance brings.
      firstAbout: [
        ...Object.keys(setting.protocol.categories),
        ...Object.keys(setting.protocol.categories),
      ] as Category[],
      keep: (simulated) =>
        simulated.disagreement.status !== 'open' &&
        simulated.disagreement.actions.every((action) => action.completedAt !== null),
      context: { actor: null, via, requestId: null },
    });
    for (const status of caseStatuses) byStatus[status] += made[status];
    await settleOlderLessons(deps, setting, seededRandom(seed * 31));
  }
  return byStatus;
}

const subgroupNotes = {
  considered: [
    'Discussed at the subgroup: no change needed for now, to be looked at again in the annual review.',
    'Considered with the agencies concerned, who will raise it with their own teams.',
  ],
  actioned: [
    'Added to the multi-agency training programme for next term.',
    'Guidance updated and sent to every agency’s safeguarding lead.',
    'Raised with commissioners, who have added it to the next service review.',
  ],
} as const;

/** What each subgroup did with the history's lessons older than three months. */
async function settleOlderLessons(
  deps: CaseDeps,
  setting: Awaited<ReturnType<typeof partnershipSetting>>,
  random: ReturnType<typeof seededRandom>,
) {
  const [team] = holdingRole(setting.people, 'partnership-team');
  if (!team) return;
  const before = isoInstant(deps.clock.now().subtract({ hours: 24 * 90 }));
  const lessons = lessonsRepository(deps.database.db);
  const older = await lessons.list(
    { partnershipId: setting.partnershipId, status: 'new', recorded: { before } },
    { limit: 10_000 },
  );
  for (const lesson of older) {
    const status = random.weighted([
      ['actioned', 6],
      ['considered', 3],
      ['new', 1],
    ] as const);
    if (status === 'new') continue;
    const at = Temporal.Instant.from(lesson.recordedAt).add({ hours: 24 * random.int(10, 60) });
    await lessons.recordStatus(lesson.id, {
      status,
      note: random.pick(subgroupNotes[status]),
      by: team.id,
      at: isoInstant(at),
    });
  }
}
