import type { CalendarRegion } from '../domain/calendar/bankHolidays.ts';
import type { AgencyKind, LessonTheme, RecordMode, Role } from '../domain/vocabulary.ts';

/** How the pages name the fixed vocabularies of api.md. */
export const agencyKindNames: Record<AgencyKind, string> = {
  'childrens-social-care': "Children's social care",
  police: 'Police',
  'health-trust': 'NHS trust',
  'gp-practice': 'GP practice',
  school: 'School',
  'early-years': 'Early years',
  probation: 'Probation',
  'youth-justice': 'Youth justice',
  housing: 'Housing',
  voluntary: 'Voluntary organisation',
  other: 'Other',
};

export const roleNames: Record<Role, string> = {
  practitioner: 'Practitioner',
  manager: 'Manager',
  'senior-manager': 'Senior manager',
  'safeguarding-lead': 'Safeguarding lead',
  'partnership-team': 'Partnership team',
  admin: 'Administrator',
};

export const calendarNames: Record<CalendarRegion, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

export const recordModeNames: Record<RecordMode, string> = {
  phone: 'Phone call',
  'face-to-face': 'Face to face',
  video: 'Video call',
  email: 'E-mail',
  meeting: 'Meeting',
};

export const lessonThemeNames: Record<LessonTheme, string> = {
  training: 'Training needs',
  commissioning: 'Commissioning needs',
  'agency-guidance': 'New agency practice guidance',
  'partnership-guidance': 'New partnership guidance',
};
