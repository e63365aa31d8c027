import type { ColumnType } from 'kysely';

/**
 * The tables as Kysely sees them. Instants are ISO 8601 UTC strings on both databases;
 * flags are booleans on PostgreSQL and 0/1 on SQLite, and JSON is an object on PostgreSQL
 * and text on SQLite: repositories map both (docs/decisions/0001).
 */
export type DatabaseSchema = {
  settings: SettingsTable;
  partnerships: PartnershipsTable;
  partnership_closure_days: { partnership_id: string; date: string; name: string };
  protocol_versions: ProtocolVersionsTable;
  protocol_drafts: ProtocolDraftsTable;
  service_pages: ServicePagesTable;
  monitoring_form_answers: MonitoringFormAnswersTable;
  on_call_contacts: OnCallContactsTable;
  local_authorities: LocalAuthoritiesTable;
  regions: { id: string; partnership_id: string; name: string };
  meeting_places: {
    id: string;
    partnership_id: string;
    name: string;
    address: string | null;
  };
  agencies: AgenciesTable;
  teams: { id: string; agency_id: string; name: string };
  people: PeopleTable;
  person_roles: { person_id: string; role: string };
  password_credentials: { person_id: string; hash: string; changed_at: string };
  password_links: {
    token_hash: string;
    person_id: string;
    expires_at: string;
    used_at: string | null;
    /** When it was made (null for links made before this was kept). */
    created_at: string | null;
    /** 'invitation' for a link sent by e-mail from the administrators' pages; null otherwise. */
    purpose: string | null;
  };
  sign_in_throttles: SignInThrottlesTable;
  oidc_identities: { issuer: string; subject: string; person_id: string; linked_at: string };
  sessions: SessionsTable;
  kept_answers: KeptAnswersTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  counters: { scope: string; name: string; value: number };
  disagreements: DisagreementsTable;
  disagreement_agencies: { disagreement_id: string; agency_id: string; side: string };
  disagreement_people: {
    disagreement_id: string;
    person_id: string;
    agency_id: string | null;
    side: string;
    chair: Flag;
    /** Of the partnership's own people taking the stage the case is at (sides: partnership). */
    takes_stage: Flag;
    /** Whether the case is open: a person's open cases are found by index. */
    open: Flag;
  };
  outbox: OutboxTable;
  /** When each case with deadlines next needs the reminder job to look at it. */
  deadline_checks: { disagreement_id: string; version: number; next_check_at: string };
  notification_preferences: { person_id: string; daily_digest: Flag };
  disagreement_actions: {
    id: string;
    disagreement_id: string;
    owner_id: string;
    due_at: string;
    completed_at: string | null;
  };
  disagreement_stages: DisagreementStagesTable;
  disagreement_search: { disagreement_id: string; term: string };
  lessons: LessonsTable;
  report_counts: ReportCountsTable;
};

type Flag = boolean | number;
type Json = string | object;

export type SettingsTable = { key: string; value: string; updated_at: string };

export type PartnershipsTable = {
  id: string;
  name: string;
  reference_prefix: string;
  time_zone: string;
  calendar: string;
  working_hours_start: string;
  working_hours_end: string;
  working_weekdays: Json;
  reminder_working_days: number;
  /** How many months after a case ended its details are kept (at least 1; 72 by default). */
  retention_months: ColumnType<number, number | undefined, number>;
  created_at: string;
};

export type ProtocolVersionsTable = {
  id: string;
  partnership_id: string;
  version: number;
  protocol_id: string;
  name: string;
  source: string;
  adopted_at: string;
  adopted_by: string | null;
  reason: string | null;
};

/** The monitoring form's questions the case does not answer, as the escalating side completed them. */
export type MonitoringFormAnswersTable = {
  disagreement_id: string;
  /** YYYY-MM-DD. */
  meeting_date: string | null;
  /** yes or no. */
  parents_informed: string | null;
  parents_views: string;
  /** JSON: [{name, agency, role}]. */
  senior_officers: string | object;
  completed_by: string;
  completed_at: string;
  /** 1 once first saved, one more each save: a stale save is refused. */
  version: number;
};

/** A protocol the partnership team is editing in the browser, as YAML text (maybe incomplete). */
/** A partnership team's own text for a page the footer links to; none: Accord's default. */
export type ServicePagesTable = {
  partnership_id: string;
  /** accessibility, privacy, cookies or contact. */
  page: string;
  body: string;
  updated_by: string | null;
  updated_at: string;
};

export type ProtocolDraftsTable = {
  id: string;
  partnership_id: string;
  /** What it started from, in words: "built-in pan-lancashire", "version 3". */
  based_on: string;
  source: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

export type OnCallContactsTable = {
  id: string;
  partnership_id: string;
  name: string;
  telephone: string;
  notes: string | null;
  position: number;
};

export type LocalAuthoritiesTable = {
  id: string;
  partnership_id: string;
  name: string;
  front_door_name: string;
  monitoring_team_name: string;
  monitoring_team_email: string | null;
};

export type AgenciesTable = {
  id: string;
  partnership_id: string;
  name: string;
  kind: string;
  local_authority_id: string | null;
};

export type PeopleTable = {
  id: string;
  partnership_id: string | null;
  name: string;
  email: string;
  job_title: string | null;
  telephone: string | null;
  agency_id: string | null;
  team_id: string | null;
  region_id: string | null;
  line_manager_id: string | null;
  /** A level id of the partnership's protocol in force, or null. */
  level: string | null;
  /** The role held only because of that level (not also given directly), or null. */
  level_role: string | null;
  active: Flag;
  created_at: string;
  /** When they last signed in, by password or single sign-on; null if never (or not since it was kept). */
  last_signed_in_at: string | null;
};

export type SignInThrottlesTable = {
  key: string;
  failures: number;
  first_failure_at: string;
  /** When the wait after the last failure ends (a growing wait, never a lock: signInThrottle.ts). */
  locked_until: string | null;
};

export type SessionsTable = {
  id: string;
  person_id: string | null;
  data: Json;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
};

/** A form's answers sent after its person's session ended (keptAnswersRepository.ts). */
export type KeptAnswersTable = {
  id: string;
  person_id: string;
  path: string;
  answers: Json;
  raise_draft: Json | null;
  created_at: string;
  expires_at: string;
};

export type ApiTokensTable = {
  id: string;
  person_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export type AuditLogTable = {
  seq: number;
  at: string;
  actor_id: string | null;
  via: string;
  action: string;
  record_type: string;
  record_id: string | null;
  partnership_id: string | null;
  justification: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
};

export type DisagreementsTable = {
  id: string;
  reference: string;
  version: number;
  partnership_id: string;
  protocol_version: number;
  local_authority_id: string | null;
  status: string;
  urgent: Flag;
  category: string;
  pathway: string;
  raised_at: string;
  raised_by: string;
  other_side_can_see: Flag;
  current_stage_key: string | null;
  current_due_at: string | null;
  awaiting_confirmation: Flag;
  document: Json;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  closed_at: string | null;
  stage_reached: string | null;
  resolve_working_days: number | null;
  /** The themes of its lessons as ",training,commissioning,", or null for none. */
  lesson_themes: string | null;
  /** When it entered the partnership team's monitoring inbox, if it has. */
  inbox_at: string | null;
  /** Whether it comes first in the inbox: the team was told of it, or it is urgent. */
  inbox_first: Flag | null;
  acknowledged_at: string | null;
  /** The facts it counted for in report_counts, as JSON (caseFacts.ts StoredFacts). */
  report_facts: string | null;
  /** The shape of its index rows: older rows are indexed again at start-up. */
  index_version: number;
  /** When its details were purged under the partnership's retention period, if they were. */
  purged_at: ColumnType<string | null, string | null | undefined, string | null>;
};

export type DisagreementStagesTable = {
  disagreement_id: string;
  position: number;
  stage_key: string;
  started_at: string;
  due_at: string | null;
  ended_at: string | null;
  outcome: string | null;
  within_timescale: Flag | null;
};

export type LessonsTable = {
  id: string;
  disagreement_id: string;
  partnership_id: string;
  local_authority_id: string | null;
  position: number;
  /** ",training,commissioning," so a theme is found with LIKE. */
  themes: string;
  /** The subgroups it goes to, as a JSON list of names. */
  subgroups: string;
  source: string;
  recorded_at: string;
  status: string;
  note: string | null;
  status_by: string | null;
  status_at: string | null;
};

export type ReportCountsTable = {
  partnership_id: string;
  /** 'd' for a day, 'm' for a month. */
  grain: string;
  period: string;
  measure: string;
  local_authority_id: string;
  key1: string;
  key2: string;
  count: number;
};

export type OutboxTable = {
  id: string;
  created_at: string;
  kind: string;
  dedupe_key: string;
  partnership_id: string | null;
  disagreement_id: string | null;
  person_id: string | null;
  recipient: string;
  subject: string;
  body: string;
  calendar: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string;
  leased_by: string | null;
  lease_until: string | null;
  sent_at: string | null;
  last_error: string | null;
};
