/** The fixed vocabularies of the public interface (api.md): these ids are the contract. */

export const roles = [
  'practitioner',
  'manager',
  'senior-manager',
  'safeguarding-lead',
  'partnership-team',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export const categories = [
  'threshold',
  'referral-not-accepted',
  'further-information',
  'child-protection-procedures',
  'joint-response',
  'cp-conference-need',
  'cp-conference-dissent',
  'cp-plan',
  'meeting-attendance',
  'placement',
  'discharge-planning',
  'childs-plan',
  'assessment-outcome',
  'medical-outcome',
  'information-sharing',
  'service-provision',
  'case-closure',
  'transition',
  'action-not-completed',
  'agency-action-inaction',
  'agency-response',
  'decision-making',
  'progressing-plans',
  'roles-responsibilities',
  'communication',
  'timeliness',
  'other',
] as const;
export type Category = (typeof categories)[number];

/** What the partnership has done with a lesson in its learning log. */
export const lessonStatuses = ['new', 'considered', 'actioned'] as const;
export type LessonStatus = (typeof lessonStatuses)[number];

export const lessonThemes = [
  'training',
  'commissioning',
  'agency-guidance',
  'partnership-guidance',
] as const;
export type LessonTheme = (typeof lessonThemes)[number];

export const recordModes = ['phone', 'face-to-face', 'video', 'email', 'meeting'] as const;
export type RecordMode = (typeof recordModes)[number];

export const agencyKinds = [
  'childrens-social-care',
  'police',
  'health-trust',
  'gp-practice',
  'school',
  'early-years',
  'probation',
  'youth-justice',
  'housing',
  'voluntary',
  'other',
] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export const GENERAL_PATHWAY = 'general';

/** The days of the week as api.md names working weekdays, Monday (ISO weekday 1) first. */
export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof weekdays)[number];
