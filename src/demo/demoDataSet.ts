import type { AgencyKind, Category, LessonTheme, RecordMode, Role } from '../domain/vocabulary.ts';
import type { BuiltInProtocolId } from '../protocols/builtInProtocols.ts';

/**
 * The demo data set (api.md, "Demo data set"): one partnership for each built-in protocol,
 * with its organisations, people and a spread of cases in every state. Everyone and
 * everything here is invented; every address is in example.org and every telephone number
 * is in Ofcom's range kept for drama (01632 960xxx). loadDemoData turns it into records.
 */

/** A person's handle in this file: the local part of their e-mail address, unique in the set. */
export type PersonKey = string;

/**
 * A moment before the data set is loaded: so many working days ago (1 or more, counted in
 * the partnership's calendar) at a local clock time. Loaded on any day, it is always past.
 */
export type DemoWhen = readonly [workingDaysAgo: number, localTime: string];

export type DemoPerson = {
  key: PersonKey;
  name: string;
  jobTitle: string;
  roles: Role[];
  /** One of the levels of the partnership's protocol (Pan-Lancashire's Team Manager), if any. */
  level?: string;
  manager: PersonKey | null;
  team?: string;
  region?: string;
  telephone?: string;
};

export type DemoAgency = {
  key: string;
  name: string;
  kind: AgencyKind;
  /** The name of the local authority it belongs to, or null for one serving the whole partnership. */
  localAuthority: string | null;
  teams: string[];
  people: DemoPerson[];
};

export type DemoLocalAuthority = {
  name: string;
  frontDoorName: string;
  monitoringTeamName: string;
  monitoringTeamEmail: string;
};

export type DemoPartnership = {
  name: string;
  protocolId: BuiltInProtocolId;
  localAuthorities: DemoLocalAuthority[];
  regions: string[];
  agencies: DemoAgency[];
  partnershipTeam: DemoPerson[];
  onCallContacts: { name: string; telephone: string; notes: string | null }[];
};

export type DemoStep =
  | {
      do: 'record';
      by: PersonKey;
      at: DemoWhen;
      mode: RecordMode;
      participants: PersonKey[];
      summary: string;
    }
  | {
      do: 'escalate';
      by: PersonKey;
      at: DemoWhen;
      reason: string;
      toStageKey?: string;
      writtenAccount?: string;
    }
  | {
      do: 'propose';
      by: PersonKey;
      at: DemoWhen;
      agreedOutcome: string;
      /** Each due at 5pm so many working days from the load: negative for days already gone. */
      actions: { description: string; owner: PersonKey; dueInWorkingDays: number }[];
    }
  | { do: 'confirm'; by: PersonKey }
  | { do: 'withdraw'; by: PersonKey; reason: string }
  | { do: 'close'; by: PersonKey; lessons: { theme: LessonTheme; text: string }[] }
  | { do: 'set-child-deadline'; by: PersonKey; dueInWorkingDays: number; reason: string };

export type DemoChild = {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  /** For an unborn child: the expected date of birth, so many weeks after the load. */
  expectedInWeeks?: number;
};

export type DemoCase = {
  partnership: BuiltInProtocolId;
  raisedBy: PersonKey;
  /** The other professional; their agency is the other party. */
  otherPerson: PersonKey;
  /** Further other agencies, by key, when more than two disagree. */
  alsoAgencies?: string[];
  category: Category;
  urgent: boolean;
  raisedAt: DemoWhen;
  children: DemoChild[];
  summary: string;
  impactOnChild: string;
  desiredOutcome: string;
  evidence?: string;
  family?: { parents: string[]; address: string };
  referralDate?: DemoWhen;
  agenciesInvolved?: string;
  steps: DemoStep[];
};

export const DEMO_EMAIL_DOMAIN = 'example.org';

export function demoEmail(key: PersonKey): string {
  return `${key}@${DEMO_EMAIL_DOMAIN}`;
}

/** The installation's administrator: no partnership, and no case content by that role alone. */
export const demoAdmin: DemoPerson = {
  key: 'admin',
  name: 'Morgan Ellis',
  jobTitle: 'Accord administrator',
  roles: ['admin'],
  manager: null,
};

export const demoPartnerships: DemoPartnership[] = [
  {
    name: 'Pan-Lancashire Safeguarding Partnership (demo)',
    protocolId: 'pan-lancashire',
    localAuthorities: [
      {
        name: 'Lancashire',
        frontDoorName: 'MASH',
        monitoringTeamName: 'CSAP',
        monitoringTeamEmail: 'csap@example.org',
      },
      {
        name: 'Blackpool',
        frontDoorName: 'Request for Support Hub',
        monitoringTeamName: 'MASA',
        monitoringTeamEmail: 'masa@example.org',
      },
    ],
    regions: ['East', 'Central', 'North'],
    agencies: [
      {
        key: 'lancs-csc',
        name: "Lancashire County Council Children's Social Care",
        kind: 'childrens-social-care',
        localAuthority: 'Lancashire',
        teams: ['MASH'],
        people: [
          {
            key: 'priya.raman',
            name: 'Priya Raman',
            jobTitle: 'Social Worker, MASH',
            roles: ['practitioner'],
            manager: 'nadia.hussain',
            team: 'MASH',
            region: 'Central',
          },
          {
            key: 'owen.pritchard',
            name: 'Owen Pritchard',
            jobTitle: 'Practice Manager, MASH East',
            level: 'practice-manager',
            roles: ['manager'],
            manager: 'rachel.ashworth',
            team: 'MASH',
            region: 'East',
            telephone: '01632 960 111',
          },
          {
            key: 'nadia.hussain',
            name: 'Nadia Hussain',
            jobTitle: 'Practice Manager, MASH Central',
            level: 'practice-manager',
            roles: ['manager'],
            manager: 'rachel.ashworth',
            team: 'MASH',
            region: 'Central',
            telephone: '01632 960 112',
          },
          {
            key: 'tom.whiteside',
            name: 'Tom Whiteside',
            jobTitle: 'Practice Manager, MASH North',
            level: 'practice-manager',
            roles: ['manager'],
            manager: 'rachel.ashworth',
            team: 'MASH',
            region: 'North',
            telephone: '01632 960 113',
          },
          {
            key: 'rachel.ashworth',
            name: 'Rachel Ashworth',
            jobTitle: 'Team Manager, MASH',
            level: 'team-manager',
            roles: ['manager'],
            manager: 'david.okafor',
            team: 'MASH',
          },
          {
            key: 'david.okafor',
            name: 'David Okafor',
            jobTitle: "Senior Manager, Children's Social Care",
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'helen.brierley',
            name: 'Helen Brierley',
            jobTitle: 'Safeguarding and Quality Assurance Lead',
            roles: ['safeguarding-lead'],
            manager: 'david.okafor',
          },
        ],
      },
      {
        key: 'bpool-csc',
        name: "Blackpool Council Children's Services",
        kind: 'childrens-social-care',
        localAuthority: 'Blackpool',
        teams: ['Request for Support Hub'],
        people: [
          {
            key: 'jordan.mcbride',
            name: 'Jordan McBride',
            jobTitle: 'Social Worker, Request for Support Hub',
            roles: ['practitioner'],
            manager: 'kerry.lomax',
            team: 'Request for Support Hub',
          },
          {
            key: 'ayesha.malik',
            name: 'Ayesha Malik',
            jobTitle: 'Social Worker, Request for Support Hub',
            roles: ['practitioner'],
            manager: 'kerry.lomax',
            team: 'Request for Support Hub',
          },
          {
            key: 'kerry.lomax',
            name: 'Kerry Lomax',
            jobTitle: 'Team Manager, Request for Support Hub',
            level: 'team-manager',
            roles: ['manager'],
            manager: 'imran.sadiq',
            team: 'Request for Support Hub',
          },
          {
            key: 'imran.sadiq',
            name: 'Imran Sadiq',
            jobTitle: "Head of Service, Children's Social Care",
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'fiona.gallagher',
            name: 'Fiona Gallagher',
            jobTitle: 'Principal Social Worker and Safeguarding Lead',
            roles: ['safeguarding-lead'],
            manager: 'imran.sadiq',
          },
        ],
      },
      {
        key: 'lancs-police',
        name: 'Lancashire Constabulary',
        kind: 'police',
        localAuthority: null,
        teams: ['Public Protection Unit'],
        people: [
          {
            key: 'ben.atherton',
            name: 'Ben Atherton',
            jobTitle: 'Detective Constable, Public Protection Unit',
            roles: ['practitioner'],
            manager: 'claire.heywood',
            team: 'Public Protection Unit',
          },
          {
            key: 'claire.heywood',
            name: 'Claire Heywood',
            jobTitle: 'Detective Sergeant, Public Protection Unit',
            roles: ['manager'],
            manager: 'martin.ogden',
            team: 'Public Protection Unit',
          },
          {
            key: 'martin.ogden',
            name: 'Martin Ogden',
            jobTitle: 'Detective Chief Inspector',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'siobhan.doyle',
            name: 'Siobhan Doyle',
            jobTitle: 'Force Safeguarding Lead',
            roles: ['safeguarding-lead'],
            manager: 'martin.ogden',
          },
        ],
      },
      {
        key: 'lancs-school',
        name: 'Pendle Brook Primary School',
        kind: 'school',
        localAuthority: 'Lancashire',
        teams: [],
        people: [
          {
            key: 'laura.kershaw',
            name: 'Laura Kershaw',
            jobTitle: 'Year 5 Teacher',
            roles: ['practitioner'],
            manager: 'amir.chaudhry',
          },
          {
            key: 'amir.chaudhry',
            name: 'Amir Chaudhry',
            jobTitle: 'Deputy Headteacher',
            roles: ['manager'],
            manager: 'jane.fairclough',
          },
          {
            key: 'jane.fairclough',
            name: 'Jane Fairclough',
            jobTitle: 'Headteacher',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'matthew.greenhalgh',
            name: 'Matthew Greenhalgh',
            jobTitle: 'Designated Safeguarding Lead',
            roles: ['safeguarding-lead'],
            manager: 'jane.fairclough',
          },
        ],
      },
      {
        key: 'bpool-school',
        name: 'Seaview Academy',
        kind: 'school',
        localAuthority: 'Blackpool',
        teams: [],
        people: [
          {
            key: 'chloe.parr',
            name: 'Chloe Parr',
            jobTitle: 'Head of Year 10',
            roles: ['practitioner'],
            manager: 'samuel.adeyemi',
          },
          {
            key: 'samuel.adeyemi',
            name: 'Samuel Adeyemi',
            jobTitle: 'Assistant Headteacher',
            roles: ['manager'],
            manager: 'louise.bamber',
          },
          {
            key: 'louise.bamber',
            name: 'Louise Bamber',
            jobTitle: 'Principal',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'gemma.rigby',
            name: 'Gemma Rigby',
            jobTitle: 'Designated Safeguarding Lead',
            roles: ['safeguarding-lead'],
            manager: 'louise.bamber',
          },
        ],
      },
      {
        key: 'lancs-nhs',
        name: 'Lancashire Coast NHS Foundation Trust',
        kind: 'health-trust',
        localAuthority: null,
        teams: ['Health Visiting'],
        people: [
          {
            key: 'emma.thistlethwaite',
            name: 'Emma Thistlethwaite',
            jobTitle: 'Health Visitor',
            roles: ['practitioner'],
            manager: 'joanne.marsden',
            team: 'Health Visiting',
          },
          {
            key: 'joanne.marsden',
            name: 'Joanne Marsden',
            jobTitle: 'Health Visiting Team Leader',
            roles: ['manager'],
            manager: 'vikram.desai',
            team: 'Health Visiting',
          },
          {
            key: 'vikram.desai',
            name: 'Vikram Desai',
            jobTitle: "Associate Director of Nursing, Children's Services",
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'catherine.moss',
            name: 'Catherine Moss',
            jobTitle: 'Named Nurse, Safeguarding Children',
            roles: ['safeguarding-lead'],
            manager: 'vikram.desai',
          },
        ],
      },
      {
        key: 'lancs-gp',
        name: 'Harbour View Medical Centre',
        kind: 'gp-practice',
        localAuthority: null,
        teams: [],
        people: [
          {
            key: 'hannah.procter',
            name: 'Hannah Procter',
            jobTitle: 'Practice Nurse',
            roles: ['practitioner'],
            manager: 'maria.santos',
          },
          {
            key: 'maria.santos',
            name: 'Maria Santos',
            jobTitle: 'Practice Manager',
            roles: ['manager'],
            manager: 'richard.ainsworth',
          },
          {
            key: 'richard.ainsworth',
            name: 'Richard Ainsworth',
            jobTitle: 'Senior Partner',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'yasmin.begum',
            name: 'Yasmin Begum',
            jobTitle: 'Safeguarding Lead GP',
            roles: ['safeguarding-lead'],
            manager: 'richard.ainsworth',
          },
        ],
      },
    ],
    partnershipTeam: [
      {
        key: 'gillian.hartley',
        name: 'Gillian Hartley',
        jobTitle: 'CSAP Business Manager',
        roles: ['partnership-team'],
        manager: null,
        telephone: '01632 960 100',
      },
    ],
    onCallContacts: [
      {
        name: 'Lancashire Emergency Duty Team',
        telephone: '01632 960 101',
        notes: 'Out of hours, for children in Lancashire',
      },
      {
        name: 'Blackpool Emergency Duty Team',
        telephone: '01632 960 102',
        notes: 'Out of hours, for children in Blackpool',
      },
    ],
  },
  {
    name: 'Humber Safeguarding Children Partnership (demo)',
    protocolId: 'humber',
    localAuthorities: [
      {
        name: 'Humber',
        frontDoorName: 'MASH',
        monitoringTeamName: 'LSCB business unit',
        monitoringTeamEmail: 'humber.lscb@example.org',
      },
    ],
    regions: [],
    agencies: [
      {
        key: 'humber-csc',
        name: "Humber Children's Social Care",
        kind: 'childrens-social-care',
        localAuthority: 'Humber',
        teams: ['MASH'],
        people: [
          {
            key: 'kieran.walsh',
            name: 'Kieran Walsh',
            jobTitle: 'Social Worker, MASH',
            roles: ['practitioner'],
            manager: 'bethany.cole',
            team: 'MASH',
          },
          {
            key: 'chantelle.robson',
            name: 'Chantelle Robson',
            jobTitle: 'Social Worker, Safeguarding Team',
            roles: ['practitioner'],
            manager: 'bethany.cole',
          },
          {
            key: 'bethany.cole',
            name: 'Bethany Cole',
            jobTitle: 'Team Manager',
            roles: ['manager'],
            manager: 'marcus.webb',
          },
          {
            key: 'marcus.webb',
            name: 'Marcus Webb',
            jobTitle: 'Service Manager',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'anita.kowalski',
            name: 'Anita Kowalski',
            jobTitle: "Safeguarding Lead, Children's Social Care",
            roles: ['safeguarding-lead'],
            manager: 'marcus.webb',
          },
        ],
      },
      {
        key: 'humber-police',
        name: 'Humberside Police',
        kind: 'police',
        localAuthority: null,
        teams: [],
        people: [
          {
            key: 'lewis.drummond',
            name: 'Lewis Drummond',
            jobTitle: 'Police Constable',
            roles: ['practitioner'],
            manager: 'ellie.marsh',
          },
          {
            key: 'ellie.marsh',
            name: 'Ellie Marsh',
            jobTitle: 'Sergeant',
            roles: ['manager'],
            manager: 'dominic.reyes',
          },
          {
            key: 'dominic.reyes',
            name: 'Dominic Reyes',
            jobTitle: 'Inspector',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'paula.fenwick',
            name: 'Paula Fenwick',
            jobTitle: 'Safeguarding Lead, Public Protection',
            roles: ['safeguarding-lead'],
            manager: 'dominic.reyes',
          },
        ],
      },
      {
        key: 'humber-school',
        name: 'Saltmarsh Academy',
        kind: 'school',
        localAuthority: 'Humber',
        teams: [],
        people: [
          {
            key: 'olivia.grant',
            name: 'Olivia Grant',
            jobTitle: 'Year 8 Form Tutor',
            roles: ['practitioner'],
            manager: 'callum.stewart',
          },
          {
            key: 'callum.stewart',
            name: 'Callum Stewart',
            jobTitle: 'Assistant Principal',
            roles: ['manager'],
            manager: 'ruth.okonkwo',
          },
          {
            key: 'ruth.okonkwo',
            name: 'Ruth Okonkwo',
            jobTitle: 'Principal',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'daniel.hirst',
            name: 'Daniel Hirst',
            jobTitle: 'Designated Safeguarding Lead',
            roles: ['safeguarding-lead'],
            manager: 'ruth.okonkwo',
          },
        ],
      },
      {
        key: 'humber-nhs',
        name: 'Humber Estuary NHS Trust',
        kind: 'health-trust',
        localAuthority: null,
        teams: ['School Nursing'],
        people: [
          {
            key: 'megan.foster',
            name: 'Megan Foster',
            jobTitle: 'School Nurse',
            roles: ['practitioner'],
            manager: 'karen.dale',
            team: 'School Nursing',
          },
          {
            key: 'karen.dale',
            name: 'Karen Dale',
            jobTitle: 'School Nursing Team Leader',
            roles: ['manager'],
            manager: 'simon.akhtar',
            team: 'School Nursing',
          },
          {
            key: 'simon.akhtar',
            name: 'Simon Akhtar',
            jobTitle: 'Deputy Director of Nursing',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'lucy.brennan',
            name: 'Lucy Brennan',
            jobTitle: 'Named Nurse for Safeguarding Children',
            roles: ['safeguarding-lead'],
            manager: 'simon.akhtar',
          },
        ],
      },
      {
        key: 'humber-gp',
        name: 'Wolds Edge Surgery',
        kind: 'gp-practice',
        localAuthority: null,
        teams: [],
        people: [
          {
            key: 'tariq.hassan',
            name: 'Tariq Hassan',
            jobTitle: 'Salaried GP',
            roles: ['practitioner'],
            manager: 'wendy.sowerby',
          },
          {
            key: 'wendy.sowerby',
            name: 'Wendy Sowerby',
            jobTitle: 'Practice Manager',
            roles: ['manager'],
            manager: 'graham.tate',
          },
          {
            key: 'graham.tate',
            name: 'Graham Tate',
            jobTitle: 'Senior Partner',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'nicola.byrne',
            name: 'Nicola Byrne',
            jobTitle: 'Safeguarding Lead GP',
            roles: ['safeguarding-lead'],
            manager: 'graham.tate',
          },
        ],
      },
    ],
    partnershipTeam: [
      {
        key: 'stephen.marlow',
        name: 'Stephen Marlow',
        jobTitle: 'LSCB Business Manager',
        roles: ['partnership-team'],
        manager: null,
        telephone: '01632 960 200',
      },
    ],
    onCallContacts: [
      {
        name: 'Humber Emergency Duty Team',
        telephone: '01632 960 201',
        notes: 'Evenings, weekends and bank holidays',
      },
    ],
  },
  {
    name: 'East Riding Safeguarding Children Partnership (demo)',
    protocolId: 'east-riding',
    localAuthorities: [
      {
        name: 'East Riding of Yorkshire',
        frontDoorName: "Local Authority Children's Social Care",
        monitoringTeamName: 'ERSCP team',
        monitoringTeamEmail: 'erscp@example.org',
      },
    ],
    regions: [],
    agencies: [
      {
        key: 'er-csc',
        name: "East Riding Children's Social Care",
        kind: 'childrens-social-care',
        localAuthority: 'East Riding of Yorkshire',
        teams: [],
        people: [
          {
            key: 'jake.pearson',
            name: 'Jake Pearson',
            jobTitle: 'Social Worker',
            roles: ['practitioner'],
            manager: 'amelia.rhodes',
          },
          {
            key: 'lauren.metcalfe',
            name: 'Lauren Metcalfe',
            jobTitle: 'Social Worker',
            roles: ['practitioner'],
            manager: 'amelia.rhodes',
          },
          {
            key: 'amelia.rhodes',
            name: 'Amelia Rhodes',
            jobTitle: 'Team Manager',
            roles: ['manager'],
            manager: 'christopher.bell',
          },
          {
            key: 'christopher.bell',
            name: 'Christopher Bell',
            jobTitle: 'Head of Service',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'sunita.sharma',
            name: 'Sunita Sharma',
            jobTitle: 'Safeguarding Lead',
            roles: ['safeguarding-lead'],
            manager: 'christopher.bell',
          },
        ],
      },
      {
        key: 'er-police',
        name: 'Humberside Police',
        kind: 'police',
        localAuthority: null,
        teams: [],
        people: [
          {
            key: 'harriet.lowe',
            name: 'Harriet Lowe',
            jobTitle: 'Police Constable',
            roles: ['practitioner'],
            manager: 'neil.barraclough',
          },
          {
            key: 'neil.barraclough',
            name: 'Neil Barraclough',
            jobTitle: 'Sergeant',
            roles: ['manager'],
            manager: 'angela.moore',
          },
          {
            key: 'angela.moore',
            name: 'Angela Moore',
            jobTitle: 'Inspector',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'patrick.quinn',
            name: 'Patrick Quinn',
            jobTitle: 'Safeguarding Lead, Public Protection',
            roles: ['safeguarding-lead'],
            manager: 'angela.moore',
          },
        ],
      },
      {
        key: 'er-school',
        name: 'Beverley Fields Primary School',
        kind: 'school',
        localAuthority: 'East Riding of Yorkshire',
        teams: [],
        people: [
          {
            key: 'zara.ahmed',
            name: 'Zara Ahmed',
            jobTitle: 'Reception Teacher',
            roles: ['practitioner'],
            manager: 'paul.duckworth',
          },
          {
            key: 'paul.duckworth',
            name: 'Paul Duckworth',
            jobTitle: 'Deputy Headteacher',
            roles: ['manager'],
            manager: 'margaret.ellison',
          },
          {
            key: 'margaret.ellison',
            name: 'Margaret Ellison',
            jobTitle: 'Headteacher',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'leon.clarke',
            name: 'Leon Clarke',
            jobTitle: 'Designated Safeguarding Lead',
            roles: ['safeguarding-lead'],
            manager: 'margaret.ellison',
          },
        ],
      },
      {
        key: 'er-nhs',
        name: 'Yorkshire Wolds Community NHS Trust',
        kind: 'health-trust',
        localAuthority: null,
        teams: ['Community Midwifery'],
        people: [
          {
            key: 'isabel.ford',
            name: 'Isabel Ford',
            jobTitle: 'Community Midwife',
            roles: ['practitioner'],
            manager: 'tracey.holmes',
            team: 'Community Midwifery',
          },
          {
            key: 'tracey.holmes',
            name: 'Tracey Holmes',
            jobTitle: 'Community Midwifery Manager',
            roles: ['manager'],
            manager: 'kwame.mensah',
            team: 'Community Midwifery',
          },
          {
            key: 'kwame.mensah',
            name: 'Kwame Mensah',
            jobTitle: 'Head of Midwifery',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'alison.carr',
            name: 'Alison Carr',
            jobTitle: 'Named Midwife for Safeguarding',
            roles: ['safeguarding-lead'],
            manager: 'kwame.mensah',
          },
        ],
      },
      {
        key: 'er-gp',
        name: 'Minster Lane Surgery',
        kind: 'gp-practice',
        localAuthority: null,
        teams: [],
        people: [
          {
            key: 'oliver.nash',
            name: 'Oliver Nash',
            jobTitle: 'Salaried GP',
            roles: ['practitioner'],
            manager: 'denise.porter',
          },
          {
            key: 'denise.porter',
            name: 'Denise Porter',
            jobTitle: 'Practice Manager',
            roles: ['manager'],
            manager: 'hugh.fletcher',
          },
          {
            key: 'hugh.fletcher',
            name: 'Hugh Fletcher',
            jobTitle: 'Senior Partner',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'eleanor.vance',
            name: 'Eleanor Vance',
            jobTitle: 'Safeguarding Lead GP',
            roles: ['safeguarding-lead'],
            manager: 'hugh.fletcher',
          },
        ],
      },
    ],
    partnershipTeam: [
      {
        key: 'rosemary.tindall',
        name: 'Rosemary Tindall',
        jobTitle: 'ERSCP Service Manager',
        roles: ['partnership-team'],
        manager: null,
        telephone: '01632 960 300',
      },
    ],
    onCallContacts: [
      {
        name: 'East Riding Emergency Duty Team',
        telephone: '01632 960 301',
        notes: 'Evenings, weekends and bank holidays',
      },
    ],
  },
  {
    name: 'Lincolnshire Safeguarding Children Partnership (demo)',
    protocolId: 'lincolnshire',
    localAuthorities: [
      {
        name: 'Lincolnshire',
        frontDoorName: "Children's social care front door",
        monitoringTeamName: 'LSCB business unit',
        monitoringTeamEmail: 'lincolnshire.lscb@example.org',
      },
    ],
    regions: [],
    agencies: [
      {
        key: 'lincs-csc',
        name: "Lincolnshire Children's Services",
        kind: 'childrens-social-care',
        localAuthority: 'Lincolnshire',
        teams: [],
        people: [
          {
            key: 'shannon.kelly',
            name: 'Shannon Kelly',
            jobTitle: 'Social Worker',
            roles: ['practitioner'],
            manager: 'victor.nowak',
          },
          {
            key: 'dylan.hughes',
            name: 'Dylan Hughes',
            jobTitle: 'Social Worker, Hospital Team',
            roles: ['practitioner'],
            manager: 'victor.nowak',
          },
          {
            key: 'victor.nowak',
            name: 'Victor Nowak',
            jobTitle: 'Team Manager',
            roles: ['manager'],
            manager: 'elaine.spencer',
          },
          {
            key: 'elaine.spencer',
            name: 'Elaine Spencer',
            jobTitle: 'Head of Service',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'mohammed.rashid',
            name: 'Mohammed Rashid',
            jobTitle: 'Senior Liaison Officer',
            roles: ['safeguarding-lead'],
            manager: 'elaine.spencer',
          },
        ],
      },
      {
        key: 'lincs-police',
        name: 'Lincolnshire Police',
        kind: 'police',
        localAuthority: null,
        teams: [],
        people: [
          {
            key: 'aaron.fisher',
            name: 'Aaron Fisher',
            jobTitle: 'Detective Constable',
            roles: ['practitioner'],
            manager: 'kate.thornton',
          },
          {
            key: 'kate.thornton',
            name: 'Kate Thornton',
            jobTitle: 'Detective Sergeant',
            roles: ['manager'],
            manager: 'ian.cropper',
          },
          {
            key: 'ian.cropper',
            name: 'Ian Cropper',
            jobTitle: 'Detective Chief Inspector',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'sandra.okoro',
            name: 'Sandra Okoro',
            jobTitle: 'Senior Liaison Officer',
            roles: ['safeguarding-lead'],
            manager: 'ian.cropper',
          },
        ],
      },
      {
        key: 'lincs-school',
        name: 'Fenside Academy',
        kind: 'school',
        localAuthority: 'Lincolnshire',
        teams: [],
        people: [
          {
            key: 'phoebe.lambert',
            name: 'Phoebe Lambert',
            jobTitle: 'Year 3 Teacher',
            roles: ['practitioner'],
            manager: 'gary.whitfield',
          },
          {
            key: 'gary.whitfield',
            name: 'Gary Whitfield',
            jobTitle: 'Assistant Headteacher',
            roles: ['manager'],
            manager: 'frances.hale',
          },
          {
            key: 'frances.hale',
            name: 'Frances Hale',
            jobTitle: 'Headteacher',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'reece.barker',
            name: 'Reece Barker',
            jobTitle: 'Designated Safeguarding Lead and Senior Liaison Officer',
            roles: ['safeguarding-lead'],
            manager: 'frances.hale',
          },
        ],
      },
      {
        key: 'lincs-nhs',
        name: 'Witham Valley NHS Foundation Trust',
        kind: 'health-trust',
        localAuthority: null,
        teams: ["Children's Ward"],
        people: [
          {
            key: 'jasmine.ward',
            name: 'Jasmine Ward',
            jobTitle: "Ward Sister, Children's Ward",
            roles: ['practitioner'],
            manager: 'alan.pickering',
            team: "Children's Ward",
          },
          {
            key: 'alan.pickering',
            name: 'Alan Pickering',
            jobTitle: "Matron, Children's Services",
            roles: ['manager'],
            manager: 'deborah.lyons',
          },
          {
            key: 'deborah.lyons',
            name: 'Deborah Lyons',
            jobTitle: 'Director of Nursing',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'nkechi.eze',
            name: 'Nkechi Eze',
            jobTitle: 'Named Nurse and Senior Liaison Officer',
            roles: ['safeguarding-lead'],
            manager: 'deborah.lyons',
          },
        ],
      },
      {
        key: 'lincs-gp',
        name: 'Cathedral View Surgery',
        kind: 'gp-practice',
        localAuthority: null,
        teams: [],
        people: [
          {
            key: 'sophie.turnbull',
            name: 'Sophie Turnbull',
            jobTitle: 'Salaried GP',
            roles: ['practitioner'],
            manager: 'trevor.banks',
          },
          {
            key: 'trevor.banks',
            name: 'Trevor Banks',
            jobTitle: 'Practice Manager',
            roles: ['manager'],
            manager: 'anjali.mehta',
          },
          {
            key: 'anjali.mehta',
            name: 'Anjali Mehta',
            jobTitle: 'Senior Partner',
            roles: ['senior-manager'],
            manager: null,
          },
          {
            key: 'colin.reeve',
            name: 'Colin Reeve',
            jobTitle: 'Safeguarding Lead GP',
            roles: ['safeguarding-lead'],
            manager: 'anjali.mehta',
          },
        ],
      },
    ],
    partnershipTeam: [
      {
        key: 'janet.whitworth',
        name: 'Janet Whitworth',
        jobTitle: 'LSCB Business Manager',
        roles: ['partnership-team'],
        manager: null,
        telephone: '01632 960 400',
      },
    ],
    onCallContacts: [
      {
        name: 'Lincolnshire Emergency Duty Team',
        telephone: '01632 960 401',
        notes:
          'Outside Monday to Friday, 9am to 5pm: the on-call manager and director system of the statutory agencies',
      },
    ],
  },
];

/**
 * A spread of cases: in each partnership, one open at every stage of the general ladder,
 * one waiting for an outcome to be confirmed, one resolved, one closed with lessons and one
 * withdrawn; some urgent, some overdue, some on another pathway. Steps run in order, each
 * by a person with the right to take it, each dated after the stage it acts on began.
 */
export const demoCases: DemoCase[] = [
  // Pan-Lancashire: initial challenge, stages 1 to 3 (the CSAP / MASA are told at stage 3).
  {
    partnership: 'pan-lancashire',
    raisedBy: 'emma.thistlethwaite',
    otherPerson: 'ben.atherton',
    category: 'information-sharing',
    urgent: false,
    raisedAt: [2, '10:05'],
    children: [{ firstName: 'Kacper', lastName: 'Nowicki', dateOfBirth: '2026-05-02' }],
    summary:
      'Police attended a domestic abuse incident at the family home ten days ago. The health visiting service was not told, and I found out from the mother at a routine visit. I asked for the incident details and was told they cannot be shared without a formal request.',
    impactOnChild:
      'A baby of a few months lives in the home. Without the details I cannot judge the risk at my visits or plan the next contacts, and the mother may not feel safe to say more while her partner is present.',
    desiredOutcome:
      'The police share the incident details with the health visiting service this week, and tell us of any further incidents at this address.',
    steps: [
      {
        do: 'record',
        by: 'emma.thistlethwaite',
        at: [1, '14:30'],
        mode: 'phone',
        participants: ['emma.thistlethwaite', 'ben.atherton'],
        summary:
          'DC Atherton will ask the Public Protection Unit whether the details can go to health without a formal request, and call back tomorrow.',
      },
    ],
  },
  {
    partnership: 'pan-lancashire',
    raisedBy: 'laura.kershaw',
    otherPerson: 'priya.raman',
    category: 'threshold',
    urgent: false,
    raisedAt: [14, '09:40'],
    children: [
      { firstName: 'Ruby', lastName: 'Hargreaves', dateOfBirth: '2016-09-21' },
      { firstName: 'Alfie', lastName: 'Hargreaves', dateOfBirth: '2020-01-08' },
    ],
    summary:
      'Ruby comes to school hungry and in the same clothes most days this term, and has twice said there is nobody at home after school. The assessment found her needs are met by early help. The school believes the neglect needs a child in need plan.',
    impactOnChild:
      'Ruby is tired and falling behind, and her younger brother Alfie is at home with her on some evenings without an adult.',
    desiredOutcome: 'A child and family assessment that takes the school’s evidence into account.',
    evidence: 'Attendance and welfare log for this term; notes of two conversations with Ruby.',
    steps: [
      {
        do: 'record',
        by: 'laura.kershaw',
        at: [13, '12:00'],
        mode: 'phone',
        participants: ['laura.kershaw', 'priya.raman'],
        summary:
          'Talked through the welfare log. The social worker still sees the needs as early help; we could not agree.',
      },
      {
        do: 'escalate',
        by: 'laura.kershaw',
        at: [11, '16:10'],
        reason:
          'Two conversations have not resolved it: our line managers need to review the decision.',
      },
      {
        do: 'record',
        by: 'amir.chaudhry',
        at: [8, '11:00'],
        mode: 'phone',
        participants: ['amir.chaudhry', 'nadia.hussain'],
        summary: 'Left a message for the Practice Manager. No reply yet.',
      },
    ],
  },
  {
    partnership: 'pan-lancashire',
    raisedBy: 'ben.atherton',
    otherPerson: 'jordan.mcbride',
    alsoAgencies: ['bpool-school'],
    category: 'child-protection-procedures',
    urgent: false,
    raisedAt: [9, '17:20'],
    children: [{ firstName: 'Tyler', lastName: 'Brookes', dateOfBirth: '2012-04-30' }],
    summary:
      'Tyler was found at 2am in a car with two adults known to police for drug supply. We asked for a strategy discussion under child protection procedures. Children’s Services recorded it as a child in need matter and did not hold one.',
    impactOnChild:
      'Tyler is at risk of criminal exploitation. Without a strategy discussion there is no joint plan, no disruption work and nothing shared with his school.',
    desiredOutcome:
      'A strategy discussion within two working days, with police, Children’s Services, Tyler’s school and health.',
    steps: [
      {
        do: 'record',
        by: 'ben.atherton',
        at: [8, '10:00'],
        mode: 'phone',
        participants: ['ben.atherton', 'jordan.mcbride'],
        summary: 'Children’s Services keep to their view that this is not a section 47 matter.',
      },
      {
        do: 'escalate',
        by: 'ben.atherton',
        at: [7, '09:15'],
        reason: 'We disagree about the threshold for a strategy discussion.',
      },
      {
        do: 'record',
        by: 'claire.heywood',
        at: [6, '14:00'],
        mode: 'meeting',
        participants: ['claire.heywood', 'kerry.lomax', 'samuel.adeyemi'],
        summary:
          'The Team Manager will review the contact records; the school shared two recent incidents.',
      },
      {
        do: 'escalate',
        by: 'claire.heywood',
        at: [2, '11:30'],
        reason:
          'The line managers could not agree: the police view is that the threshold for a strategy discussion is met.',
      },
    ],
  },
  {
    partnership: 'pan-lancashire',
    raisedBy: 'chloe.parr',
    otherPerson: 'ayesha.malik',
    category: 'assessment-outcome',
    urgent: true,
    raisedAt: [17, '08:50'],
    referralDate: [19, '09:00'],
    children: [{ firstName: 'Jade', lastName: 'Whitmore', dateOfBirth: '2011-11-12' }],
    family: {
      parents: ['Donna Whitmore', 'Craig Whitmore'],
      address: '14 Gullane Terrace, Blackpool FY0 9ZZ',
    },
    agenciesInvolved: 'Seaview Academy, Blackpool Children’s Services, Lancashire Constabulary',
    summary:
      'Jade has been missing from home four times in six weeks and has been seen getting into cars outside school. The assessment closed with no further action because Jade says she is fine. We believe she is at risk of child sexual exploitation.',
    impactOnChild:
      'Jade is at risk of serious harm each time she goes missing, and nobody is co-ordinating a plan to keep her safe.',
    desiredOutcome:
      'A strategy discussion, an exploitation risk assessment and an allocated social worker.',
    steps: [
      {
        do: 'escalate',
        by: 'chloe.parr',
        at: [16, '13:00'],
        reason: 'The social worker will not revisit the decision.',
      },
      {
        do: 'record',
        by: 'samuel.adeyemi',
        at: [14, '10:30'],
        mode: 'phone',
        participants: ['samuel.adeyemi', 'kerry.lomax'],
        summary: 'The Team Manager agreed to review the missing episodes but kept the decision.',
      },
      {
        do: 'escalate',
        by: 'samuel.adeyemi',
        at: [12, '15:00'],
        reason: 'Jade went missing again last night; the decision still stands.',
      },
      {
        do: 'record',
        by: 'louise.bamber',
        at: [10, '11:00'],
        mode: 'meeting',
        participants: ['louise.bamber', 'imran.sadiq'],
        summary: 'The Head of Service asked for the school’s chronology; it was sent the same day.',
      },
      {
        do: 'escalate',
        by: 'louise.bamber',
        at: [8, '09:30'],
        reason:
          'No decision after the chronology was sent. We told Children’s Services we are going to stage 3 before doing so.',
      },
    ],
  },
  {
    partnership: 'pan-lancashire',
    raisedBy: 'hannah.procter',
    otherPerson: 'owen.pritchard',
    category: 'referral-not-accepted',
    urgent: false,
    raisedAt: [5, '11:45'],
    referralDate: [7, '16:00'],
    children: [{ firstName: 'Noah', lastName: 'Fairbrother', dateOfBirth: '2021-07-30' }],
    summary:
      'I referred Noah to the MASH after his mother said at a vaccination appointment that her new partner “disciplines” him, and I saw bruising on his upper arm. The referral was not accepted: the MASH said the bruising was explained.',
    impactOnChild:
      'Noah is four and cannot tell anyone what happens at home. If the bruising was not accidental he is at risk of further physical harm.',
    desiredOutcome: 'The MASH looks at the referral again, with a strategy discussion if needed.',
    steps: [
      {
        do: 'record',
        by: 'hannah.procter',
        at: [4, '15:00'],
        mode: 'phone',
        participants: ['hannah.procter', 'owen.pritchard'],
        summary:
          'The Practice Manager explained the decision. I am not reassured; we agreed I would escalate.',
      },
      {
        do: 'escalate',
        by: 'maria.santos',
        at: [2, '10:20'],
        reason: 'The practice still believes the bruising needs a child protection medical.',
      },
    ],
  },
  {
    partnership: 'pan-lancashire',
    raisedBy: 'yasmin.begum',
    otherPerson: 'priya.raman',
    category: 'case-closure',
    urgent: false,
    raisedAt: [9, '09:10'],
    children: [
      { firstName: 'Poppy', lastName: 'Rossiter', dateOfBirth: '2014-05-09' },
      { firstName: 'Finley', lastName: 'Rossiter', dateOfBirth: '2016-10-23' },
    ],
    summary:
      'Children’s Services closed the case after eight weeks. The practice still sees frequent missed appointments, and the mother’s mental health has got worse. We were not asked for our view before the case was closed.',
    impactOnChild:
      'Poppy has missed two asthma reviews and Finley’s hearing test has been missed twice.',
    desiredOutcome: 'The case is re-opened and the practice’s information is considered.',
    steps: [
      {
        do: 'escalate',
        by: 'yasmin.begum',
        at: [7, '14:00'],
        reason: 'The social worker does not agree to re-open the case.',
      },
      {
        do: 'record',
        by: 'richard.ainsworth',
        at: [5, '12:30'],
        mode: 'video',
        participants: ['richard.ainsworth', 'yasmin.begum', 'rachel.ashworth'],
        summary: 'The Team Manager agreed to look at the practice’s information again.',
      },
      {
        do: 'propose',
        by: 'rachel.ashworth',
        at: [3, '16:00'],
        agreedOutcome:
          'Children’s Services re-open the case for a further child and family assessment, using the practice’s information, and hold a multi-agency meeting before any future closure.',
        actions: [
          {
            description: 'Complete a further child and family assessment',
            owner: 'priya.raman',
            dueInWorkingDays: 8,
          },
          {
            description: 'Send the social worker a summary of missed appointments',
            owner: 'yasmin.begum',
            dueInWorkingDays: 2,
          },
          {
            description: 'Arrange a multi-agency meeting before any closure',
            owner: 'rachel.ashworth',
            dueInWorkingDays: 10,
          },
        ],
      },
    ],
  },
  {
    partnership: 'pan-lancashire',
    raisedBy: 'joanne.marsden',
    otherPerson: 'ayesha.malik',
    category: 'transition',
    urgent: false,
    raisedAt: [11, '10:00'],
    children: [{ firstName: 'Harvey', lastName: 'Dunmore', dateOfBirth: '2024-12-01' }],
    summary:
      'The family moved from Lancashire to Blackpool with an open child in need plan. Blackpool has not accepted the transfer, so nobody is leading the plan.',
    impactOnChild:
      'Harvey’s plan has no lead professional, and the health visiting service is left holding the concerns alone.',
    desiredOutcome: 'Blackpool accepts the transfer and allocates a social worker.',
    steps: [
      {
        do: 'record',
        by: 'joanne.marsden',
        at: [10, '11:15'],
        mode: 'phone',
        participants: ['joanne.marsden', 'ayesha.malik'],
        summary: 'The transfer paperwork had not reached the hub; sent again.',
      },
      {
        do: 'record',
        by: 'ayesha.malik',
        at: [8, '09:45'],
        mode: 'email',
        participants: ['ayesha.malik', 'joanne.marsden'],
        summary: 'Transfer paperwork received and reviewed with the Team Manager.',
      },
      {
        do: 'propose',
        by: 'ayesha.malik',
        at: [6, '15:30'],
        agreedOutcome:
          'Blackpool accepts the transfer and allocates a social worker; a transfer meeting with both local authorities and health visiting is held.',
        actions: [
          {
            description: 'Hold the transfer-in meeting',
            owner: 'ayesha.malik',
            dueInWorkingDays: -2,
          },
          {
            description: 'Hand over the health visiting records to the Blackpool team',
            owner: 'joanne.marsden',
            dueInWorkingDays: -3,
          },
        ],
      },
      { do: 'confirm', by: 'joanne.marsden' },
    ],
  },
  {
    partnership: 'pan-lancashire',
    raisedBy: 'matthew.greenhalgh',
    otherPerson: 'claire.heywood',
    category: 'information-sharing',
    urgent: false,
    raisedAt: [28, '08:30'],
    children: [{ firstName: 'Maisie', lastName: 'Cartwright', dateOfBirth: '2016-03-14' }],
    summary:
      'The school learned three days late of a domestic abuse incident at Maisie’s home at the weekend. It is the third late notification this term.',
    impactOnChild:
      'Maisie was upset in class and staff did not know why, so she had no support on the days she most needed it.',
    desiredOutcome: 'Notifications reach the school before the next school day.',
    steps: [
      {
        do: 'record',
        by: 'matthew.greenhalgh',
        at: [27, '13:00'],
        mode: 'phone',
        participants: ['matthew.greenhalgh', 'claire.heywood'],
        summary: 'The sergeant could not say why the notifications were late.',
      },
      {
        do: 'escalate',
        by: 'matthew.greenhalgh',
        at: [26, '09:00'],
        reason: 'The delay has happened three times this term.',
      },
      {
        do: 'record',
        by: 'jane.fairclough',
        at: [24, '14:00'],
        mode: 'meeting',
        participants: ['jane.fairclough', 'martin.ogden', 'matthew.greenhalgh'],
        summary: 'The notifications wait for a supervisor to review them before they are sent.',
      },
      {
        do: 'propose',
        by: 'martin.ogden',
        at: [22, '10:00'],
        agreedOutcome:
          'The control room sends domestic abuse notifications for school-age children to the designated safeguarding lead before 9am on the next school day.',
        actions: [
          {
            description: 'Brief control room supervisors on the notification timescale',
            owner: 'siobhan.doyle',
            dueInWorkingDays: -15,
          },
          {
            description: 'Give the police a monitored safeguarding e-mail address',
            owner: 'matthew.greenhalgh',
            dueInWorkingDays: -18,
          },
        ],
      },
      { do: 'confirm', by: 'jane.fairclough' },
      {
        do: 'close',
        by: 'gillian.hartley',
        lessons: [
          {
            theme: 'agency-guidance',
            text: 'The force procedure should set a timescale for telling schools of domestic abuse incidents.',
          },
          {
            theme: 'partnership-guidance',
            text: 'Schools need one monitored address for notifications that arrive out of hours.',
          },
        ],
      },
    ],
  },
  {
    partnership: 'pan-lancashire',
    raisedBy: 'ayesha.malik',
    otherPerson: 'hannah.procter',
    category: 'communication',
    urgent: false,
    raisedAt: [6, '10:30'],
    children: [{ firstName: 'Zain', lastName: 'Qureshi', dateOfBirth: '2018-02-26' }],
    summary:
      'The practice has not answered three requests for a health report for Zain’s initial child protection conference.',
    impactOnChild: 'The conference may have to go ahead without a picture of Zain’s health.',
    desiredOutcome: 'The report arrives before the conference.',
    steps: [
      {
        do: 'record',
        by: 'ayesha.malik',
        at: [5, '09:30'],
        mode: 'phone',
        participants: ['ayesha.malik', 'hannah.procter'],
        summary: 'The requests had gone to an old address; the practice will send the report.',
      },
      {
        do: 'withdraw',
        by: 'kerry.lomax',
        reason: 'The report arrived the next day: there is no longer a disagreement.',
      },
    ],
  },

  // Humber: stages of 1, 2, 2 and 5 working days; the LSCB Resolution Panel at stage 4.
  {
    partnership: 'humber',
    raisedBy: 'megan.foster',
    otherPerson: 'kieran.walsh',
    category: 'threshold',
    urgent: false,
    raisedAt: [3, '10:00'],
    children: [{ firstName: 'Kayden', lastName: 'Moffat', dateOfBirth: '2013-08-19' }],
    summary:
      'Kayden told me he self-harms and that his stepfather hits him when drunk. The MASH assessed the concerns at tier 2. I believe tier 4 indicators are present.',
    impactOnChild: 'Kayden is at risk of significant harm at home and from self-harm.',
    desiredOutcome: 'A strategy discussion and a section 47 enquiry.',
    steps: [
      {
        do: 'record',
        by: 'megan.foster',
        at: [3, '15:00'],
        mode: 'phone',
        participants: ['megan.foster', 'kieran.walsh'],
        summary: 'Set out the tier 4 indicators in writing the same day, as the policy asks.',
      },
    ],
  },
  {
    partnership: 'humber',
    raisedBy: 'olivia.grant',
    otherPerson: 'lewis.drummond',
    category: 'meeting-attendance',
    urgent: false,
    raisedAt: [3, '09:00'],
    children: [{ firstName: 'Grace', lastName: 'Adebayo', dateOfBirth: '2013-06-15' }],
    summary:
      'Police have not come to the last two core group meetings for Grace and have sent no information to them.',
    impactOnChild: 'The plan is being reviewed without the police’s knowledge of the family.',
    desiredOutcome: 'Police attend the next core group or send a written update.',
    steps: [
      {
        do: 'record',
        by: 'olivia.grant',
        at: [3, '12:30'],
        mode: 'email',
        participants: ['olivia.grant', 'lewis.drummond'],
        summary: 'Sent the dates of the next two core groups and asked who will attend.',
      },
      {
        do: 'escalate',
        by: 'callum.stewart',
        at: [1, '09:30'],
        reason: 'No reply within the one working day of stage 1.',
      },
    ],
  },
  {
    partnership: 'humber',
    raisedBy: 'tariq.hassan',
    otherPerson: 'kieran.walsh',
    category: 'service-provision',
    urgent: true,
    raisedAt: [6, '08:45'],
    children: [{ firstName: 'Mia', lastName: 'Sutcliffe', dateOfBirth: '2023-03-03' }],
    summary:
      'Mia has faltering growth and has missed three hospital appointments. Children’s social care has declined family support.',
    impactOnChild: 'Mia’s weight has dropped below the 2nd centile.',
    desiredOutcome: 'Family support starts this week and the appointments are kept.',
    steps: [
      {
        do: 'escalate',
        by: 'tariq.hassan',
        at: [5, '10:00'],
        reason: 'Not resolved within one working day.',
      },
      {
        do: 'record',
        by: 'wendy.sowerby',
        at: [4, '11:00'],
        mode: 'phone',
        participants: ['wendy.sowerby', 'bethany.cole'],
        summary: 'The Team Manager will check whether a family support worker is free.',
      },
      {
        do: 'escalate',
        by: 'graham.tate',
        at: [1, '11:00'],
        reason: 'No family support yet, and Mia missed another appointment.',
      },
    ],
  },
  {
    partnership: 'humber',
    raisedBy: 'daniel.hirst',
    otherPerson: 'chantelle.robson',
    category: 'decision-making',
    urgent: false,
    raisedAt: [9, '09:20'],
    referralDate: [15, '11:00'],
    children: [
      { firstName: 'Leo', lastName: 'Marchetti', dateOfBirth: '2015-12-05' },
      { firstName: 'Sofia', lastName: 'Marchetti', dateOfBirth: '2018-06-27' },
    ],
    family: {
      parents: ['Luca Marchetti', 'Shelley Marchetti'],
      address: '3 Dock Row, Hull HU0 1ZZ',
    },
    agenciesInvolved: 'Saltmarsh Academy, Humber Children’s Social Care, school nursing',
    summary:
      'Children’s social care decided that Leo and Sofia can return home to their father before the parenting assessment is complete. The school has seen new injuries to Leo since the enquiry began.',
    impactOnChild: 'Leo and Sofia may return to a home where Leo has been hurt.',
    desiredOutcome: 'No return home until the parenting assessment is complete.',
    steps: [
      {
        do: 'escalate',
        by: 'daniel.hirst',
        at: [8, '14:00'],
        reason: 'The social worker keeps to the plan for return.',
      },
      {
        do: 'record',
        by: 'daniel.hirst',
        at: [7, '10:00'],
        mode: 'phone',
        participants: ['daniel.hirst', 'bethany.cole'],
        summary: 'The Team Manager supports the social worker’s plan.',
      },
      {
        do: 'escalate',
        by: 'ruth.okonkwo',
        at: [6, '09:00'],
        reason: 'The line managers could not agree.',
      },
      {
        do: 'record',
        by: 'ruth.okonkwo',
        at: [5, '15:30'],
        mode: 'meeting',
        participants: ['ruth.okonkwo', 'marcus.webb'],
        summary: 'The senior managers could not agree; a joint meeting brought no change.',
      },
      {
        do: 'escalate',
        by: 'ruth.okonkwo',
        at: [3, '16:30'],
        reason:
          'Line management is exhausted and the return home is close: we ask the LSCB Resolution Panel to decide.',
        writtenAccount:
          'The school raised the disagreement with the social worker, then with the Team Manager and the Service Manager. Each kept to the plan for return home. The school’s records of new injuries to Leo were shared at each stage.',
      },
      {
        do: 'set-child-deadline',
        by: 'stephen.marlow',
        dueInWorkingDays: 2,
        reason: 'The return home is planned for that afternoon: the panel must decide before then.',
      },
    ],
  },
  {
    partnership: 'humber',
    raisedBy: 'bethany.cole',
    otherPerson: 'ellie.marsh',
    category: 'joint-response',
    urgent: true,
    raisedAt: [2, '18:40'],
    children: [{ firstName: 'Jayden', lastName: 'Price', dateOfBirth: '2010-01-30' }],
    summary:
      'Social care asked for a joint visit after Jayden said an adult at his football club had sent him sexual messages. Police decided a single-agency response was enough.',
    impactOnChild: 'Other children at the club may be at risk, and Jayden has not been seen.',
    desiredOutcome: 'A joint visit to Jayden and a strategy discussion.',
    steps: [
      {
        do: 'record',
        by: 'bethany.cole',
        at: [1, '09:15'],
        mode: 'phone',
        participants: ['bethany.cole', 'ellie.marsh'],
        summary: 'The Sergeant will take it to the Inspector if we cannot agree by noon.',
      },
    ],
  },
  {
    partnership: 'humber',
    raisedBy: 'nicola.byrne',
    otherPerson: 'megan.foster',
    category: 'communication',
    urgent: false,
    raisedAt: [4, '11:00'],
    children: [{ firstName: 'Aria', lastName: 'Thornbury', dateOfBirth: '2012-07-07' }],
    summary:
      'The school nursing service did not tell the practice that Aria had disclosed an eating disorder.',
    impactOnChild: 'Aria’s physical health has not been checked.',
    desiredOutcome: 'The practice is told of health concerns the same week.',
    steps: [
      {
        do: 'escalate',
        by: 'nicola.byrne',
        at: [3, '10:00'],
        reason: 'Not resolved within one working day.',
      },
      {
        do: 'propose',
        by: 'karen.dale',
        at: [1, '14:00'],
        agreedOutcome:
          'School nursing tells the practice of any health concern within five working days, and Aria is offered a GP review this week.',
        actions: [
          {
            description: 'Book Aria’s GP review with her consent',
            owner: 'megan.foster',
            dueInWorkingDays: 3,
          },
        ],
      },
    ],
  },
  {
    partnership: 'humber',
    raisedBy: 'lewis.drummond',
    otherPerson: 'daniel.hirst',
    category: 'information-sharing',
    urgent: false,
    raisedAt: [7, '13:00'],
    children: [{ firstName: 'Evie', lastName: 'Stanton', dateOfBirth: '2014-02-11' }],
    summary: 'The school did not share that Evie had been absent for three weeks.',
    impactOnChild: 'Evie was missing from education while police were looking for her father.',
    desiredOutcome: 'The school tells police of long absences of children on a plan.',
    steps: [
      {
        do: 'record',
        by: 'lewis.drummond',
        at: [7, '15:00'],
        mode: 'face-to-face',
        participants: ['lewis.drummond', 'daniel.hirst'],
        summary: 'The school had told social care but not police.',
      },
      {
        do: 'propose',
        by: 'daniel.hirst',
        at: [6, '10:00'],
        agreedOutcome:
          'The school adds police to its list for absence alerts on children with a protection plan.',
        actions: [
          {
            description: 'Add the police contact to the absence alert list',
            owner: 'daniel.hirst',
            dueInWorkingDays: -4,
          },
        ],
      },
      { do: 'confirm', by: 'ellie.marsh' },
    ],
  },
  {
    partnership: 'humber',
    raisedBy: 'kieran.walsh',
    otherPerson: 'tariq.hassan',
    category: 'roles-responsibilities',
    urgent: false,
    raisedAt: [30, '10:00'],
    children: [{ firstName: 'Ethan', lastName: 'Rowe', dateOfBirth: '2019-10-10' }],
    summary:
      'The practice believed the health visitor would attend the child protection medical; nobody did.',
    impactOnChild: 'Ethan’s medical was delayed by a week.',
    desiredOutcome: 'A clear rule on who attends child protection medicals.',
    steps: [
      {
        do: 'escalate',
        by: 'bethany.cole',
        at: [29, '11:00'],
        reason: 'Not resolved within one working day.',
      },
      {
        do: 'record',
        by: 'bethany.cole',
        at: [28, '14:00'],
        mode: 'meeting',
        participants: ['bethany.cole', 'wendy.sowerby'],
        summary: 'Agreed the gap is in the local guidance, not in either agency.',
      },
      {
        do: 'propose',
        by: 'wendy.sowerby',
        at: [27, '09:30'],
        agreedOutcome:
          'The GP who raises the concern attends the medical unless a paediatrician agrees otherwise.',
        actions: [
          {
            description: 'Share the agreement with every GP in the practice',
            owner: 'wendy.sowerby',
            dueInWorkingDays: -20,
          },
        ],
      },
      { do: 'confirm', by: 'bethany.cole' },
      {
        do: 'close',
        by: 'stephen.marlow',
        lessons: [
          {
            theme: 'training',
            text: 'GP safeguarding training should cover who attends child protection medicals.',
          },
          {
            theme: 'commissioning',
            text: 'The paediatric medical service should confirm attendance in writing.',
          },
        ],
      },
    ],
  },
  {
    partnership: 'humber',
    raisedBy: 'olivia.grant',
    otherPerson: 'karen.dale',
    category: 'agency-response',
    urgent: false,
    raisedAt: [2, '10:00'],
    children: [{ firstName: 'Connor', lastName: 'Lyle', dateOfBirth: '2012-12-12' }],
    summary: 'School nursing has not followed up the school’s referral about Connor’s weight.',
    impactOnChild: 'Connor is teased about his weight and avoids PE.',
    desiredOutcome: 'A school nurse appointment for Connor.',
    steps: [
      {
        do: 'withdraw',
        by: 'callum.stewart',
        reason: 'An appointment was booked the same afternoon: nothing is left to resolve.',
      },
    ],
  },

  // East Riding: stages 1 to 4 within 5 working days of raising; mediation at stage 5.
  {
    partnership: 'east-riding',
    raisedBy: 'zara.ahmed',
    otherPerson: 'jake.pearson',
    category: 'threshold',
    urgent: false,
    raisedAt: [1, '13:15'],
    children: [{ firstName: 'Archie', lastName: 'Mellor', dateOfBirth: '2021-09-14' }],
    summary:
      'Archie often arrives with untreated nappy rash and has not been collected on time four times. Children’s social care advised a referral to early help.',
    impactOnChild: 'Archie’s basic care needs are not being met.',
    desiredOutcome: 'A child and family assessment.',
    steps: [
      {
        do: 'record',
        by: 'zara.ahmed',
        at: [1, '15:45'],
        mode: 'face-to-face',
        participants: ['zara.ahmed', 'paul.duckworth'],
        summary:
          'Talked it through with my deputy head: we agree the concern is about neglect and want a child and family assessment.',
      },
    ],
  },
  {
    partnership: 'east-riding',
    raisedBy: 'isabel.ford',
    otherPerson: 'lauren.metcalfe',
    category: 'assessment-outcome',
    urgent: false,
    raisedAt: [3, '09:30'],
    children: [{ firstName: 'Baby', lastName: 'Hewson', dateOfBirth: null, expectedInWeeks: 9 }],
    summary:
      'The pre-birth assessment concluded no further action. The mother has disclosed heroin use in this pregnancy and the father has a conviction for violence.',
    impactOnChild: 'The baby may go home to an unsafe household with no plan in place.',
    desiredOutcome: 'A pre-birth child protection conference.',
    steps: [
      {
        do: 'record',
        by: 'isabel.ford',
        at: [3, '11:00'],
        mode: 'face-to-face',
        participants: ['isabel.ford', 'tracey.holmes'],
        summary: 'My manager agrees the concern is justified.',
      },
      {
        do: 'escalate',
        by: 'isabel.ford',
        at: [2, '10:00'],
        reason: 'Ready to talk to the social worker.',
      },
      {
        do: 'record',
        by: 'isabel.ford',
        at: [2, '15:00'],
        mode: 'phone',
        participants: ['isabel.ford', 'lauren.metcalfe'],
        summary: 'The social worker will read the midwifery notes and call back.',
      },
    ],
  },
  {
    partnership: 'east-riding',
    raisedBy: 'oliver.nash',
    otherPerson: 'harriet.lowe',
    category: 'information-sharing',
    urgent: false,
    raisedAt: [8, '12:00'],
    children: [{ firstName: 'Freya', lastName: 'Dobson', dateOfBirth: '2019-11-02' }],
    summary:
      'Police have refused to tell the practice whether Freya’s mother’s partner has convictions relevant to children.',
    impactOnChild: 'The practice cannot judge the risk when the partner brings Freya in.',
    desiredOutcome: 'A disclosure decision under the information-sharing agreement.',
    steps: [
      {
        do: 'escalate',
        by: 'oliver.nash',
        at: [7, '09:00'],
        reason: 'My practice manager agrees: we will talk to the officer.',
      },
      {
        do: 'record',
        by: 'oliver.nash',
        at: [7, '10:30'],
        mode: 'phone',
        participants: ['oliver.nash', 'harriet.lowe'],
        summary: 'The officer says a formal request is needed.',
      },
      {
        do: 'escalate',
        by: 'denise.porter',
        at: [5, '14:00'],
        reason: 'A formal request was made and refused.',
      },
      {
        do: 'record',
        by: 'denise.porter',
        at: [4, '11:00'],
        mode: 'phone',
        participants: ['denise.porter', 'neil.barraclough'],
        summary: 'The Sergeant will ask the disclosure unit.',
      },
    ],
  },
  {
    partnership: 'east-riding',
    raisedBy: 'leon.clarke',
    otherPerson: 'lauren.metcalfe',
    category: 'case-closure',
    urgent: false,
    raisedAt: [4, '08:40'],
    referralDate: [20, '10:00'],
    children: [
      { firstName: 'Isla', lastName: 'Brannigan', dateOfBirth: '2016-08-08' },
      { firstName: 'Jack', lastName: 'Brannigan', dateOfBirth: '2013-01-19' },
    ],
    family: { parents: ['Kirsty Brannigan'], address: '27 Wold View, Driffield YO0 2ZZ' },
    agenciesInvolved: 'Beverley Fields Primary School, children’s social care, school nursing',
    summary:
      'Children’s social care closed the case although the mother has not engaged with any of the plan and Isla’s attendance has fallen to 60%.',
    impactOnChild: 'Isla and Jack are left without support while the home situation gets worse.',
    desiredOutcome: 'The case stays open with a child in need plan.',
    steps: [
      {
        do: 'escalate',
        by: 'leon.clarke',
        at: [4, '14:00'],
        reason: 'Clarified with the headteacher: ready to talk to the social worker.',
      },
      {
        do: 'record',
        by: 'leon.clarke',
        at: [3, '10:00'],
        mode: 'phone',
        participants: ['leon.clarke', 'lauren.metcalfe'],
        summary: 'The social worker keeps to the closure.',
      },
      {
        do: 'escalate',
        by: 'leon.clarke',
        at: [3, '16:00'],
        reason: 'Not resolved between the workers.',
      },
      {
        do: 'record',
        by: 'margaret.ellison',
        at: [2, '11:00'],
        mode: 'meeting',
        participants: ['margaret.ellison', 'amelia.rhodes'],
        summary: 'The Team Manager keeps to the closure decision.',
      },
      {
        do: 'escalate',
        by: 'margaret.ellison',
        at: [1, '10:00'],
        reason:
          'The line managers could not agree. We told children’s social care before going to stage 4.',
      },
    ],
  },
  {
    partnership: 'east-riding',
    raisedBy: 'tracey.holmes',
    otherPerson: 'amelia.rhodes',
    category: 'child-protection-procedures',
    urgent: false,
    raisedAt: [9, '09:00'],
    children: [{ firstName: 'Theo', lastName: 'Garside', dateOfBirth: '2026-09-18' }],
    summary:
      'Midwifery asked for a strategy discussion after Theo’s father was arrested for assaulting his mother. Children’s social care did not hold one.',
    impactOnChild: 'Theo is a small baby in a home with domestic abuse.',
    desiredOutcome: 'A strategy discussion and a safety plan.',
    steps: [
      {
        do: 'escalate',
        by: 'tracey.holmes',
        at: [9, '15:00'],
        reason: 'Clarified with my head of midwifery.',
      },
      {
        do: 'escalate',
        by: 'tracey.holmes',
        at: [8, '10:00'],
        reason: 'The Team Manager did not agree on the phone.',
      },
      {
        do: 'record',
        by: 'tracey.holmes',
        at: [7, '14:00'],
        mode: 'phone',
        participants: ['tracey.holmes', 'amelia.rhodes'],
        summary: 'The Team Manager believes the bail conditions keep Theo safe.',
      },
      {
        do: 'escalate',
        by: 'kwame.mensah',
        at: [6, '11:00'],
        reason: 'The bail conditions have been breached.',
      },
      {
        do: 'record',
        by: 'kwame.mensah',
        at: [4, '14:00'],
        mode: 'meeting',
        participants: ['kwame.mensah', 'christopher.bell'],
        summary: 'The Head of Service wants the ERSCP to mediate.',
      },
      {
        do: 'escalate',
        by: 'kwame.mensah',
        at: [2, '09:30'],
        reason: 'Still unresolved after stage 4: we ask for an ERSCP-chaired mediation meeting.',
      },
    ],
  },
  {
    partnership: 'east-riding',
    raisedBy: 'harriet.lowe',
    otherPerson: 'oliver.nash',
    category: 'agency-response',
    urgent: false,
    raisedAt: [3, '10:00'],
    children: [{ firstName: 'Lola', lastName: 'Ingram', dateOfBirth: '2015-04-21' }],
    summary: 'The practice did not answer a police request for Lola’s injury history.',
    impactOnChild: 'The investigation of Lola’s broken wrist is on hold.',
    desiredOutcome: 'The practice answers within two working days.',
    steps: [
      {
        do: 'escalate',
        by: 'harriet.lowe',
        at: [3, '15:00'],
        reason: 'Spoke to my sergeant; ready to talk to the GP.',
      },
      {
        do: 'record',
        by: 'harriet.lowe',
        at: [2, '10:00'],
        mode: 'phone',
        participants: ['harriet.lowe', 'oliver.nash'],
        summary: 'The request went to the wrong inbox.',
      },
      {
        do: 'propose',
        by: 'oliver.nash',
        at: [1, '12:00'],
        agreedOutcome:
          'The practice sends the injury history and gives police its safeguarding inbox address.',
        actions: [
          {
            description: 'Send Lola’s injury history to the officer',
            owner: 'oliver.nash',
            dueInWorkingDays: 2,
          },
        ],
      },
    ],
  },
  {
    partnership: 'east-riding',
    raisedBy: 'amelia.rhodes',
    otherPerson: 'isabel.ford',
    category: 'meeting-attendance',
    urgent: false,
    raisedAt: [6, '09:00'],
    children: [{ firstName: 'Ivy', lastName: 'Pennock', dateOfBirth: '2026-07-01' }],
    summary: 'Midwifery has not sent anyone to the last two core groups for Ivy.',
    impactOnChild: 'The plan is reviewed without health information.',
    desiredOutcome: 'Midwifery attends or sends a report.',
    steps: [
      {
        do: 'escalate',
        by: 'amelia.rhodes',
        at: [6, '14:00'],
        reason: 'Ready to talk to the midwife.',
      },
      {
        do: 'record',
        by: 'amelia.rhodes',
        at: [5, '10:00'],
        mode: 'phone',
        participants: ['amelia.rhodes', 'isabel.ford'],
        summary: 'The invitations were not reaching the midwife.',
      },
      {
        do: 'escalate',
        by: 'amelia.rhodes',
        at: [4, '10:00'],
        reason: 'We need the midwifery manager to agree cover.',
      },
      {
        do: 'propose',
        by: 'amelia.rhodes',
        at: [2, '15:00'],
        agreedOutcome:
          'Invitations go to the midwifery team inbox and a midwife attends every core group.',
        actions: [
          {
            description: 'Update the invitation list',
            owner: 'amelia.rhodes',
            dueInWorkingDays: -1,
          },
        ],
      },
      { do: 'confirm', by: 'tracey.holmes' },
    ],
  },
  {
    partnership: 'east-riding',
    raisedBy: 'eleanor.vance',
    otherPerson: 'neil.barraclough',
    category: 'timeliness',
    urgent: false,
    raisedAt: [25, '11:00'],
    children: [{ firstName: 'Reggie', lastName: 'Askew', dateOfBirth: '2020-05-05' }],
    summary: 'Police took nine days to pass on a referral about Reggie to children’s social care.',
    impactOnChild: 'Reggie was not seen for nine days after the concern.',
    desiredOutcome: 'Referrals are passed on the same day.',
    steps: [
      {
        do: 'escalate',
        by: 'eleanor.vance',
        at: [25, '15:00'],
        reason: 'Clarified with the senior partner.',
      },
      {
        do: 'record',
        by: 'eleanor.vance',
        at: [24, '10:00'],
        mode: 'phone',
        participants: ['eleanor.vance', 'neil.barraclough'],
        summary: 'The referral sat in a queue during a staff shortage.',
      },
      {
        do: 'propose',
        by: 'neil.barraclough',
        at: [23, '10:00'],
        agreedOutcome: 'The referral queue is checked twice a day by the duty sergeant.',
        actions: [
          {
            description: 'Add the queue check to the duty sergeant’s briefing',
            owner: 'neil.barraclough',
            dueInWorkingDays: -20,
          },
        ],
      },
      { do: 'confirm', by: 'eleanor.vance' },
      {
        do: 'close',
        by: 'rosemary.tindall',
        lessons: [
          {
            theme: 'agency-guidance',
            text: 'Police referral queues need a named owner at all times.',
          },
        ],
      },
    ],
  },
  {
    partnership: 'east-riding',
    raisedBy: 'paul.duckworth',
    otherPerson: 'jake.pearson',
    category: 'other',
    urgent: false,
    raisedAt: [2, '09:00'],
    children: [{ firstName: 'Millie', lastName: 'Ackroyd', dateOfBirth: '2017-01-31' }],
    summary: 'The social worker has not returned calls about Millie’s contact arrangements.',
    impactOnChild: 'Millie is unsettled and does not know when she will see her father.',
    desiredOutcome: 'A call back this week.',
    steps: [
      {
        do: 'withdraw',
        by: 'margaret.ellison',
        reason: 'The social worker was on leave and has now called back.',
      },
    ],
  },

  // Lincolnshire: steps of 2, 5 and 2 working days; a chaired meeting set within 24 hours.
  {
    partnership: 'lincolnshire',
    raisedBy: 'phoebe.lambert',
    otherPerson: 'shannon.kelly',
    category: 'threshold',
    urgent: false,
    raisedAt: [5, '10:30'],
    children: [{ firstName: 'Ollie', lastName: 'Brampton', dateOfBirth: '2017-04-04' }],
    summary:
      'Ollie has told staff that his mother’s boyfriend locks him in his room. The front door advised early help.',
    impactOnChild: 'Ollie is frightened to go home.',
    desiredOutcome: 'A child and family assessment and a visit to the home.',
    steps: [
      {
        do: 'record',
        by: 'phoebe.lambert',
        at: [5, '14:00'],
        mode: 'phone',
        participants: ['phoebe.lambert', 'shannon.kelly'],
        summary: 'Acknowledged; the social worker will review and call back.',
      },
    ],
  },
  {
    partnership: 'lincolnshire',
    raisedBy: 'aaron.fisher',
    otherPerson: 'sophie.turnbull',
    category: 'information-sharing',
    urgent: false,
    raisedAt: [4, '09:00'],
    children: [{ firstName: 'Bella', lastName: 'Kerridge', dateOfBirth: '2016-11-29' }],
    summary:
      'The practice will not share Bella’s records with police for a joint investigation without the mother’s consent.',
    impactOnChild: 'The investigation into possible sexual abuse cannot go on.',
    desiredOutcome: 'The records are shared under the child protection exemption.',
    steps: [
      {
        do: 'record',
        by: 'aaron.fisher',
        at: [4, '11:30'],
        mode: 'phone',
        participants: ['aaron.fisher', 'sophie.turnbull'],
        summary: 'The GP wants advice from the practice’s safeguarding lead first.',
      },
      {
        do: 'escalate',
        by: 'kate.thornton',
        at: [2, '11:00'],
        reason: 'No plan agreed within two working days.',
      },
    ],
  },
  {
    partnership: 'lincolnshire',
    raisedBy: 'shannon.kelly',
    otherPerson: 'aaron.fisher',
    category: 'joint-response',
    urgent: false,
    raisedAt: [7, '16:00'],
    children: [{ firstName: 'Kai', lastName: 'Osei', dateOfBirth: '2011-03-18' }],
    summary: 'Police will not do a joint visit after Kai was found with a knife at school.',
    impactOnChild: 'Kai may be carrying a knife because he is being exploited.',
    desiredOutcome: 'A joint visit and a strategy discussion.',
    steps: [
      {
        do: 'escalate',
        by: 'shannon.kelly',
        at: [5, '09:30'],
        reason: 'No plan within two working days.',
      },
      {
        do: 'record',
        by: 'victor.nowak',
        at: [3, '13:00'],
        mode: 'phone',
        participants: ['victor.nowak', 'kate.thornton'],
        summary: 'The managers could not agree.',
      },
      {
        do: 'escalate',
        by: 'mohammed.rashid',
        at: [1, '10:00'],
        reason: 'The managers could not agree: Senior Liaison Officers to talk.',
      },
    ],
  },
  {
    partnership: 'lincolnshire',
    raisedBy: 'reece.barker',
    otherPerson: 'dylan.hughes',
    alsoAgencies: ['lincs-police'],
    category: 'childs-plan',
    urgent: true,
    raisedAt: [9, '08:30'],
    referralDate: [12, '09:00'],
    children: [{ firstName: 'Summer', lastName: 'Yates', dateOfBirth: '2012-10-02' }],
    family: { parents: ['Carly Yates'], address: '8 Fen Lane, Boston PE0 3ZZ' },
    summary:
      'Summer’s child protection plan lets her stay with her grandmother, whose partner police say is a risk to children.',
    impactOnChild: 'Summer may be living with someone who is a risk to her.',
    desiredOutcome: 'An urgent review of the plan.',
    steps: [
      {
        do: 'escalate',
        by: 'reece.barker',
        at: [8, '10:00'],
        reason: 'No plan within two working days.',
      },
      {
        do: 'escalate',
        by: 'reece.barker',
        at: [4, '10:00'],
        reason: 'The managers could not agree.',
      },
      {
        do: 'record',
        by: 'reece.barker',
        at: [3, '12:00'],
        mode: 'phone',
        participants: ['reece.barker', 'mohammed.rashid', 'sandra.okoro'],
        summary: 'The Senior Liaison Officers could not agree.',
      },
      {
        do: 'escalate',
        by: 'frances.hale',
        at: [2, '09:00'],
        reason: 'Urgent: we ask for an independently chaired meeting.',
      },
    ],
  },
  {
    partnership: 'lincolnshire',
    raisedBy: 'jasmine.ward',
    otherPerson: 'dylan.hughes',
    category: 'discharge-planning',
    urgent: true,
    raisedAt: [2, '11:00'],
    children: [{ firstName: 'Harper', lastName: 'Lund', dateOfBirth: '2025-02-14' }],
    summary:
      'Harper is medically fit to go home, but the ward believes home is not safe. Children’s Services want her discharged to her parents tomorrow.',
    impactOnChild:
      'Harper could go home without a safety plan, or stay on the ward longer than needed.',
    desiredOutcome: 'A discharge planning meeting before Harper leaves hospital.',
    steps: [
      {
        do: 'record',
        by: 'jasmine.ward',
        at: [1, '10:00'],
        mode: 'phone',
        participants: ['jasmine.ward', 'dylan.hughes'],
        summary: 'Harper stays on the ward until this is resolved, as the protocol says.',
      },
    ],
  },
  {
    partnership: 'lincolnshire',
    raisedBy: 'colin.reeve',
    otherPerson: 'jasmine.ward',
    category: 'medical-outcome',
    urgent: false,
    raisedAt: [6, '09:45'],
    children: [{ firstName: 'Toby', lastName: 'Granger', dateOfBirth: '2022-08-08' }],
    summary: 'The hospital discharged Toby after a head injury without telling the practice.',
    impactOnChild: 'Toby’s follow-up checks were missed.',
    desiredOutcome: 'Discharge letters reach the practice within a day.',
    steps: [
      {
        do: 'escalate',
        by: 'colin.reeve',
        at: [5, '10:00'],
        reason: 'No plan agreed within two working days.',
      },
      {
        do: 'propose',
        by: 'alan.pickering',
        at: [2, '15:00'],
        agreedOutcome:
          'The children’s ward sends discharge letters for injured children under two on the day of discharge.',
        actions: [
          {
            description: 'Remind ward staff of the same-day letter',
            owner: 'alan.pickering',
            dueInWorkingDays: 5,
          },
        ],
      },
    ],
  },
  {
    partnership: 'lincolnshire',
    raisedBy: 'sandra.okoro',
    otherPerson: 'gary.whitfield',
    category: 'roles-responsibilities',
    urgent: false,
    raisedAt: [8, '10:00'],
    children: [{ firstName: 'Alfie', lastName: 'Sutton', dateOfBirth: '2015-06-06' }],
    summary: 'The school expected police to tell Alfie’s parents about an online grooming report.',
    impactOnChild: 'Alfie’s parents did not know for a week.',
    desiredOutcome: 'A clear agreement on who tells parents.',
    steps: [
      {
        do: 'record',
        by: 'sandra.okoro',
        at: [7, '14:00'],
        mode: 'meeting',
        participants: ['sandra.okoro', 'gary.whitfield'],
        summary: 'Agreed the school tells parents unless police advise otherwise.',
      },
      {
        do: 'propose',
        by: 'gary.whitfield',
        at: [6, '11:30'],
        agreedOutcome:
          'The school tells parents of online safety reports the same day, unless police advise otherwise.',
        actions: [
          {
            description: 'Update the school’s online safety procedure',
            owner: 'gary.whitfield',
            dueInWorkingDays: 4,
          },
        ],
      },
      { do: 'confirm', by: 'sandra.okoro' },
    ],
  },
  {
    partnership: 'lincolnshire',
    raisedBy: 'victor.nowak',
    otherPerson: 'alan.pickering',
    category: 'progressing-plans',
    urgent: false,
    raisedAt: [27, '09:00'],
    children: [{ firstName: 'Esme', lastName: 'Darby', dateOfBirth: '2018-12-24' }],
    summary: 'The trust has not started the therapy in Esme’s child in need plan.',
    impactOnChild: 'Esme’s behaviour at home is getting worse.',
    desiredOutcome: 'Therapy starts within four weeks.',
    steps: [
      {
        do: 'escalate',
        by: 'victor.nowak',
        at: [26, '10:00'],
        reason: 'No plan within two working days.',
      },
      {
        do: 'propose',
        by: 'alan.pickering',
        at: [24, '14:00'],
        agreedOutcome: 'Esme is seen by the therapy team within four weeks.',
        actions: [
          {
            description: 'Book Esme’s first therapy session',
            owner: 'alan.pickering',
            dueInWorkingDays: -10,
          },
        ],
      },
      { do: 'confirm', by: 'victor.nowak' },
      {
        do: 'close',
        by: 'janet.whitworth',
        lessons: [
          {
            theme: 'commissioning',
            text: 'Therapy waiting times for children on a plan should be reported to the LSCB.',
          },
        ],
      },
    ],
  },
  {
    partnership: 'lincolnshire',
    raisedBy: 'sophie.turnbull',
    otherPerson: 'phoebe.lambert',
    category: 'further-information',
    urgent: false,
    raisedAt: [3, '12:00'],
    children: [{ firstName: 'Eli', lastName: 'Marwood', dateOfBirth: '2018-09-09' }],
    summary: 'The school has not sent Eli’s attendance record for a health assessment.',
    impactOnChild: 'Eli’s health assessment is delayed.',
    desiredOutcome: 'The attendance record this week.',
    steps: [
      {
        do: 'withdraw',
        by: 'trevor.banks',
        reason: 'The school sent the record: nothing is left to resolve.',
      },
    ],
  },
];

/** Every e-mail address of the data set's people: the only people the demo sign-in page offers. */
export function demoEmails(): Set<string> {
  const people = [
    demoAdmin,
    ...demoPartnerships.flatMap((partnership) => [
      ...partnership.partnershipTeam,
      ...partnership.agencies.flatMap((agency) => agency.people),
    ]),
  ];
  return new Set(people.map((person) => demoEmail(person.key)));
}
