import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { builtInProtocol, builtInProtocolIds } from '../../protocols/builtInProtocols.ts';
import { workingCalendarFor } from '../calendar/workingCalendar.ts';
import { ladderFor } from '../protocol/ladder.ts';
import type { Timescale } from '../protocol/protocolSchema.ts';
import { workingTimeOf } from '../protocol/workingTimeOf.ts';
import { type StageStart, stageDue } from './deadlines.ts';

const first = Temporal.Instant.from('2015-01-01T00:00:00Z').epochMilliseconds;
const last = Temporal.Instant.from('2040-11-30T00:00:00Z').epochMilliseconds;

// A case on a random protocol and pathway, raised at a random instant, at a random stage that
// each earlier stage reached after a random delay, with or without a child-protective deadline.
const aCase = fc
  .record({
    protocolId: fc.constantFrom(...builtInProtocolIds),
    pathwayChoice: fc.nat(),
    raisedMs: fc.integer({ min: first, max: last }),
    gapsHours: fc.array(fc.integer({ min: 0, max: 24 * 12 }), { minLength: 6, maxLength: 6 }),
    stageChoice: fc.nat(),
    childDeadlineHours: fc.option(fc.integer({ min: 1, max: 24 * 40 }), { nil: undefined }),
  })
  .map((choice) => {
    const protocol = builtInProtocol(choice.protocolId);
    const pathwayIds = ['general', ...protocol.pathways.map((pathway) => pathway.id)];
    const ladder = ladderFor(protocol, pathwayIds[choice.pathwayChoice % pathwayIds.length]);
    const raisedAt = Temporal.Instant.fromEpochMilliseconds(choice.raisedMs);
    const reached = choice.stageChoice % ladder.stages.length;
    const stages: StageStart[] = [];
    let startedAt = raisedAt;
    for (let i = 0; i <= reached; i++) {
      if (i > 0) startedAt = startedAt.add({ hours: choice.gapsHours[i] ?? 0 });
      stages.push({ key: ladder.stages[i]?.key ?? '', startedAt });
    }
    const childDeadline =
      choice.childDeadlineHours === undefined
        ? null
        : raisedAt.add({ hours: choice.childDeadlineHours });
    return { protocol, ladder, raisedAt, stages, childDeadline };
  });

describe('effective due time properties', () => {
  test('the effective due is never later than any of its parts, and is one of them', () => {
    fc.assert(
      fc.property(aCase, ({ protocol, ladder, raisedAt, stages, childDeadline }) => {
        const current = stages.at(-1);
        assert.ok(current);
        const due = stageDue(
          {
            protocol,
            ladder,
            raisedAt,
            stages,
            childDeadline,
            calendar: workingCalendarFor(workingTimeOf(protocol)),
          },
          current.key,
          current.startedAt,
        );
        if (due.parts.length === 0) {
          assert.equal(due.dueAt, null);
          return;
        }
        assert.ok(due.dueAt);
        for (const part of due.parts)
          assert.ok(Temporal.Instant.compare(due.dueAt, part.dueAt) <= 0);
        assert.ok(due.parts.some((part) => part.dueAt.equals(due.dueAt as Temporal.Instant)));
        if (childDeadline) assert.ok(Temporal.Instant.compare(due.dueAt, childDeadline) <= 0);
      }),
      { numRuns: 10_000 },
    );
  });
  test('the effective due is the earliest of limits worked out independently, day by day', () => {
    fc.assert(
      fc.property(aCase, ({ protocol, ladder, raisedAt, stages, childDeadline }) => {
        const current = stages.at(-1);
        assert.ok(current);
        const calendar = workingCalendarFor(workingTimeOf(protocol));
        const stage = ladder.stages.find((candidate) => candidate.key === current.key);
        assert.ok(stage);
        // An oracle written from protocols.md §2 with a plain loop, sharing no code with stageDue.
        const limit = (timescale: Timescale, from: Temporal.Instant) => {
          if (timescale.unit === 'hours') return from.add({ hours: timescale.amount ?? 0 });
          if (timescale.unit === 'none') return null;
          let date = from.toZonedDateTimeISO('Europe/London').toPlainDate();
          for (let counted = 0; counted < (timescale.amount ?? 0); ) {
            date = date.add({ days: 1 });
            if (calendar.isWorkingDay(date)) counted++;
          }
          return date
            .toZonedDateTime({ timeZone: 'Europe/London', plainTime: '17:00' })
            .toInstant();
        };
        const limits: Temporal.Instant[] = [];
        const own = limit(stage.timescale, current.startedAt);
        if (own) limits.push(own);
        for (const cap of protocol.caps.filter((candidate) =>
          candidate.stages.includes(current.key),
        )) {
          const anchorPosition = ladder.stages.findIndex((candidate) => candidate.key === cap.from);
          const anchorStart =
            cap.from === 'raised'
              ? raisedAt
              : (stages.find((entered) => entered.key === cap.from)?.startedAt ??
                stages.find(
                  (entered) =>
                    ladder.stages.findIndex((s) => s.key === entered.key) >= anchorPosition,
                )?.startedAt);
          const capLimit = anchorStart && limit(cap.timescale, anchorStart);
          if (capLimit) limits.push(capLimit);
        }
        if (childDeadline) limits.push(childDeadline);
        const expected = limits.sort(Temporal.Instant.compare)[0] ?? null;
        const actual = stageDue(
          { protocol, ladder, raisedAt, stages, childDeadline, calendar },
          current.key,
          current.startedAt,
        ).dueAt;
        assert.equal(actual?.toString() ?? null, expected?.toString() ?? null);
      }),
      { numRuns: 10_000 },
    );
  });
});
