import type { CalendarRegion } from './calendar/bankHolidays.ts';
import type {
  AgencyKind,
  Category,
  LessonStatus,
  LessonTheme,
  RecordMode,
  Role,
} from './vocabulary.ts';

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

export const lessonStatusNames: Record<LessonStatus, string> = {
  new: 'New',
  considered: 'Considered',
  actioned: 'Actioned',
};

export const lessonThemeNames: Record<LessonTheme, string> = {
  training: 'Training needs',
  commissioning: 'Commissioning needs',
  'agency-guidance': 'New agency practice guidance',
  'partnership-guidance': 'New partnership guidance',
};

/** What each category of disagreement is about (protocols.md §1), as a radio label. */
export const categoryNames: Record<Category, string> = {
  threshold: 'Threshold or level of need',
  'referral-not-accepted': 'A referral not accepted at the front door',
  'further-information': 'Further information asked for before a referral goes ahead',
  'child-protection-procedures': 'Whether child protection procedures should start',
  'joint-response': 'A single or joint police and social care response',
  'cp-conference-need': 'Whether a child protection conference is needed',
  'cp-conference-dissent': 'Disagreeing with a child protection conference decision',
  'cp-plan': 'Carrying out a child protection plan',
  'meeting-attendance': 'Attendance at conferences, core groups or meetings',
  placement: 'A placement or care setting',
  'discharge-planning': 'Discharge planning',
  'childs-plan': 'The child’s plan',
  'assessment-outcome': 'The outcome of an assessment',
  'medical-outcome': 'The outcome of a medical examination',
  'information-sharing': 'Sharing information',
  'service-provision': 'Providing services',
  'case-closure': 'Another agency closing the case',
  transition: 'Moving between levels of support',
  'action-not-completed': 'An agreed action not done',
  'agency-action-inaction': 'What another professional did or did not do',
  'agency-response': 'How an agency responded to a concern',
  'decision-making': 'Decision making',
  'progressing-plans': 'Progressing plans',
  'roles-responsibilities': 'Roles and responsibilities',
  communication: 'Communication',
  timeliness: 'Timeliness or priority of tasks',
  other: 'Something else',
};

/** A short explanation under each category's label. */
export const categoryHints: Record<Category, string> = {
  threshold: 'You disagree about the level of need or whether the threshold for a service is met.',
  'referral-not-accepted':
    'The front door (for example MASH or the Request for Support Hub) did not accept your referral.',
  'further-information':
    'The front door asked for more information before your referral can go ahead.',
  'child-protection-procedures':
    'Whether a section 47 enquiry or a strategy meeting should happen.',
  'joint-response': 'Whether the police and children’s social care should respond together.',
  'cp-conference-need': 'Whether an initial or pre-birth child protection conference is needed.',
  'cp-conference-dissent': 'You disagree with a decision made at a child protection conference.',
  'cp-plan': 'How a child protection plan is carried out, or taking part in the core group.',
  'meeting-attendance':
    'Who attends child protection conferences, core groups or child in need meetings.',
  placement: 'Where the child lives or is cared for.',
  'discharge-planning': 'Plans for the child leaving hospital or another setting.',
  'childs-plan': 'What the child’s plan says or how it is working.',
  'assessment-outcome': 'You disagree with what an assessment concluded.',
  'medical-outcome': 'You disagree with what a medical examination concluded.',
  'information-sharing': 'Information about the child was not shared, or not shared in time.',
  'service-provision': 'A service the child or family needs is not being provided.',
  'case-closure': 'Another agency closed the case and you think it should stay open.',
  transition:
    'Moving between levels of support, for example from child in need to team around the child.',
  'action-not-completed': 'Something that was agreed has not been done.',
  'agency-action-inaction': 'A decision, action or inaction of a professional in another agency.',
  'agency-response': 'How a key agency responded to a concern you reported.',
  'decision-making': 'How a decision about the child was made.',
  'progressing-plans': 'Plans for the child are not moving forward.',
  'roles-responsibilities': 'Who should do what for the child.',
  communication: 'How agencies are communicating about the child.',
  timeliness: 'How quickly or with what priority tasks for the child are done.',
  other: 'Your disagreement is about something not listed here.',
};

/**
 * The service's own groups of categories, in order: what raising offers under a protocol that
 * does not list its own (categoryGroups). Every category is in exactly one group.
 */
export const serviceCategoryGroups: readonly { name: string; categories: readonly Category[] }[] = [
  {
    name: 'Referrals and the level of need',
    categories: [
      'threshold',
      'referral-not-accepted',
      'further-information',
      'transition',
      'case-closure',
    ],
  },
  {
    name: 'Child protection',
    categories: [
      'child-protection-procedures',
      'joint-response',
      'cp-conference-need',
      'cp-conference-dissent',
      'cp-plan',
      'meeting-attendance',
    ],
  },
  {
    name: 'Assessments, plans and services',
    categories: [
      'assessment-outcome',
      'medical-outcome',
      'childs-plan',
      'progressing-plans',
      'placement',
      'discharge-planning',
      'service-provision',
    ],
  },
  {
    name: 'How agencies work together',
    categories: [
      'information-sharing',
      'communication',
      'roles-responsibilities',
      'decision-making',
      'timeliness',
      'action-not-completed',
      'agency-action-inaction',
      'agency-response',
    ],
  },
  { name: 'Anything else', categories: ['other'] },
];
