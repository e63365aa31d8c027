import { z } from 'zod';
import { calendarDate, id } from '../../domain/disagreement/actions/inputs.ts';

export const summaryQuery = z.strictObject({
  partnershipId: id,
  from: calendarDate.optional().meta({
    description: 'First day of the period (Europe/London), inclusive; by default a year before to',
  }),
  to: calendarDate
    .optional()
    .meta({ description: 'Last day of the period, inclusive; by default today' }),
  localAuthorityId: id.optional(),
});

const count = z.number().int();

/** api.md "Reports": the summary's exact shape. */
export const summarySchema = z
  .object({
    partnershipId: z.string(),
    localAuthorityId: z.string().nullable(),
    from: z.string().meta({ format: 'date' }),
    to: z.string().meta({ format: 'date' }),
    generatedAt: z.string().meta({ format: 'date-time' }),
    open: z.object({
      total: count,
      overdue: count,
      urgent: count,
      byStage: z.array(
        z.object({ stageKey: z.string(), name: z.string(), open: count, overdue: count }),
      ),
    }),
    raised: z.object({
      total: count,
      byMonth: z.array(z.object({ month: z.string(), count })),
      byCategory: z.array(z.object({ category: z.string(), count })),
      byRaisingAgency: z.array(z.object({ agencyId: z.string(), count })),
      byAgencyPair: z.array(
        z.object({ raisingAgencyId: z.string(), otherAgencyId: z.string(), count }),
      ),
    }),
    ended: z.object({
      resolved: count,
      closed: count,
      withdrawn: count,
      byStageReached: z.array(z.object({ stageKey: z.string(), count })),
      workingDaysToResolve: z.object({ median: count, p90: count }).nullable(),
    }),
    timeliness: z.object({
      stagesEnded: count,
      withinTimescale: count,
      share: z.number().nullable(),
      byStage: z.array(
        z.object({ stageKey: z.string(), stagesEnded: count, withinTimescale: count }),
      ),
    }),
    lessons: z.object({
      total: count,
      byTheme: z.array(z.object({ theme: z.string(), count })),
    }),
  })
  .meta({ id: 'Summary' });
