import { z } from 'zod';
import { agencyKinds, roles } from '../../../domain/vocabulary.ts';

// The directory's forms: each page's fields, checked before any service is called.

const required = (message: string, max = 200) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optional = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((value) => value || null);
const optionalEmail = z
  .string()
  .trim()
  .max(320)
  .optional()
  .transform((value) => value || null)
  .pipe(
    z
      .email({ error: 'Enter an e-mail address in the correct format, like team@example.org' })
      .nullable(),
  );
const optionalId = z
  .string()
  .optional()
  .transform((value) => value || null)
  .pipe(z.uuid({ error: 'Choose from the list' }).nullable());
const roleList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat()))
  .pipe(
    z.array(z.enum(roles, { error: 'Choose from the list' })).min(1, 'Choose at least one role'),
  );

export const localAuthorityForm = z.object({
  name: required('Enter the local authority’s name'),
  frontDoorName: required('Enter what the front door is called'),
  monitoringTeamName: required('Enter what the monitoring team is called'),
  monitoringTeamEmail: optionalEmail,
});
export const agencyForm = z.object({
  name: required('Enter the agency’s name'),
  kind: z.enum(agencyKinds, { error: 'Choose what kind of agency it is' }),
  localAuthorityId: optionalId,
});
export const onCallForm = z.object({
  name: required('Enter who to call'),
  telephone: required('Enter the telephone number', 40),
  notes: optional(500),
});
export const personForm = z.object({
  name: required('Enter the person’s full name'),
  email: z
    .string()
    .trim()
    .max(320)
    .pipe(
      z.email({ error: 'Enter an e-mail address in the correct format, like name@example.org' }),
    ),
  jobTitle: optional(),
  telephone: optional(40),
  agencyId: optionalId,
  lineManagerId: optionalId,
  roles: roleList,
});
export const rolesForm = z.object({ roles: roleList, password: z.string().max(1024).optional() });
export const teamForm = z.object({
  agencyId: z.uuid({ error: 'Choose the agency' }),
  name: required('Enter the team’s name'),
});
export const regionForm = z.object({ name: required('Enter the region’s name') });
export const closureDayForm = z
  .object({
    'date-day': z.string().trim().max(2),
    'date-month': z.string().trim().max(2),
    'date-year': z.string().trim().max(4),
    name: required('Enter why the partnership is closed'),
  })
  .transform((form, context) => {
    try {
      const date = Temporal.PlainDate.from(
        {
          year: Number(form['date-year']),
          month: Number(form['date-month']),
          day: Number(form['date-day']),
        },
        { overflow: 'reject' },
      );
      if (!/^\d{4}$/.test(form['date-year'])) throw new RangeError('year');
      return { date: date.toString(), name: form.name };
    } catch {
      context.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'Enter a real date, like 24 12 2026',
      });
      return z.NEVER;
    }
  });
const clockTime = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:00 or 17:30');
export const workingTimeForm = z.object({
  region: z.enum(['england-and-wales', 'scotland', 'northern-ireland'], {
    error: 'Choose the bank holidays the partnership follows',
  }),
  start: clockTime,
  end: clockTime,
  reminderDays: z.coerce
    .number({ error: 'Choose how many working days before' })
    .int('Choose how many working days before')
    .min(1, 'Choose how many working days before')
    .max(5, 'Choose how many working days before')
    .optional(),
});
export const personChangesForm = z.object({
  name: required('Enter the person’s full name'),
  jobTitle: optional(),
  telephone: optional(40),
  agencyId: optionalId,
  teamId: optionalId,
  regionId: optionalId,
  lineManagerId: optionalId,
  active: z.enum(['yes', 'no'], { error: 'Say whether they still use Accord' }),
});
