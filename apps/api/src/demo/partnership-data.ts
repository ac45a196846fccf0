/**
 * The demo partnership, as plain data taken from public source documents (summarised in ./README.md):
 *  - 000: the 2015 cabinet decision adopting the three-borough shared strategy and its seven priorities;
 *  - 001: the 2019-20 partnership annual report (operational groups, outcome figures, MARAC and criminal
 *    justice figures by borough, 10 DHRs, survivor quotes, the "Priorities for 2020-21" table);
 *  - 004: the 2021 two-borough strategy (four objectives and their theories of change, survivor quotes).
 * Titles, outputs, outcomes, action texts, updates, impacts and survivors' words are the documents' own.
 * What the documents do not give (dates of updates, RAG ratings whose colours were lost in the text
 * extraction, targets, DHR details beyond their number per borough and the learning themes, people) is
 * made up, plausibly, and marked as such beside it. Demo people are fictional: no real names are used.
 */
import { Role } from '../modules/identity/user.entity';

export type RagValue = 'RED' | 'AMBER' | 'GREEN';
export type ActionStatusValue = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETE' | 'CANCELLED';
export type RecommendationStatusValue = 'OPEN' | 'IN_PROGRESS' | 'IMPLEMENTED' | 'ASSURED';

export type StrategyKey = 'three-borough' | 'bi-borough';

export interface DemoMeasurement {
  period: string;
  /** A rate's value is computed from numerator and denominator; 0 here (unused). */
  value: number;
  numerator?: number;
  denominator?: number;
  /** Where the figure comes from (the document, or "illustrative"). */
  source?: string;
  /** A borough name; absent = partnership-wide. */
  area?: string;
  /** Not in the documents: a made-up later value so that "as of" progress moves. */
  illustrative?: true;
}

export interface DemoIndicator {
  name: string;
  unit: string;
  baseline: number | null;
  /** The documents give no targets: each target is ours, at or above the value achieved. */
  target: number | null;
  measurements: DemoMeasurement[];
  /** A rate: measurements give numerator and denominator. */
  isRate?: boolean;
  /** How far short of the target in force is still within tolerance; ours, not the documents'. */
  tolerance?: number;
  /** Targets per period (optionally per borough); every point is ours (README.md). */
  trajectory?: Array<{ period: string; value: number; area?: string }>;
}

export interface DemoOutcome {
  key: string;
  title: string;
  indicators?: DemoIndicator[];
}

export interface DemoOutput {
  key: string;
  title: string;
  outcomeKeys: string[];
}

export interface DemoObjective {
  code: string;
  title: string;
  description: string;
  outcomes: DemoOutcome[];
  outputs: DemoOutput[];
}

export interface DemoStrategy {
  key: StrategyKey;
  title: string;
  vision: string;
  startsOn: string;
  endsOn: string;
  objectives: DemoObjective[];
}

export type DemoUserKey = string;

export interface DemoUser {
  key: DemoUserKey;
  email: string;
  name: string;
  roles: Role[];
  /** The sign-in printed at start-up for this role, when it is one of the six role logins. */
  login?: string;
}

export interface DemoGroup {
  key: string;
  name: string;
  description: string;
  chair: DemoUserKey;
  coordinator: DemoUserKey;
  members: DemoUserKey[];
}

export interface DemoActionUpdate {
  reportedOn: string;
  rag: RagValue | null;
  status: ActionStatusValue;
  progress: string;
  impact: string;
  /** true: the text is the annual report's own "Action Update" / "Action Impact" for 2020-21. */
  documented?: true;
}

export interface DemoAction {
  ref: string;
  strategy: StrategyKey;
  objectiveCode: string;
  outputKey?: string;
  group: string;
  title: string;
  description: string;
  successMeasure: string;
  lead: string;
  agreedOn: string;
  startsOn: string;
  dueOn: string;
  tags: string[];
  updates: DemoActionUpdate[];
}

export interface DemoRecommendationStatusStep {
  status: RecommendationStatusValue;
  evidence?: string;
}

export interface DemoRecommendation {
  ref: string;
  text: string;
  agency: string;
  scope?: 'LOCAL' | 'REGIONAL' | 'NATIONAL';
  dueOn: string;
  tags: string[];
  /** Status changes in order, from OPEN. */
  statusSteps: DemoRecommendationStatusStep[];
  actionRefs: string[];
}

export interface DemoReview {
  ref: string;
  area: string;
  title: string;
  pseudonym: string;
  commissionedOn: string;
  notifiedOn: string;
  decidedOn: string;
  panelStartedOn?: string;
  submittedOn?: string;
  qaOutcome?: 'APPROVED' | 'RESUBMIT';
  qaOn?: string;
  publishedOn?: string;
  /** True until the Home Office QA Panel has approved the report and it is published. */
  confidential: boolean;
  recommendations: DemoRecommendation[];
}

export interface DemoFeedbackResponse {
  text: string;
  respondedOn: string;
  actionRefs: string[];
}

export interface DemoFeedback {
  forum: string;
  receivedOn: string;
  /** The survivor's words exactly as the document quotes them. */
  summary: string;
  objectives: Array<{ strategy: StrategyKey; code: string }>;
  tags: string[];
  responses: DemoFeedbackResponse[];
}

export const BOROUGHS = {
  hf: 'Hammersmith and Fulham',
  kc: 'Kensington and Chelsea',
  wcc: 'Westminster',
} as const;

const AREA_TAG = {
  hf: 'area:hammersmith-and-fulham',
  kc: 'area:kensington-and-chelsea',
  wcc: 'area:westminster',
} as const;
const THREE_BOROUGHS = [AREA_TAG.hf, AREA_TAG.kc, AREA_TAG.wcc];
const TWO_BOROUGHS = [AREA_TAG.kc, AREA_TAG.wcc];

/**
 * One password for every demo login (never used in production, where demo logins are not made). It
 * must pass the password policy for every demo person: no "demo" in it, which is a word of their names.
 */
export const DEMO_PASSWORD = 'throughline-tryout-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.throughline.local';

// ---------------------------------------------------------------------------------------------
// People. Fictional names; the six role logins first. (The documents name real officers: not used.)
// ---------------------------------------------------------------------------------------------

const u = (key: string, name: string, roles: Role[] = [], login?: string): DemoUser => ({
  key,
  email: `${key}@${DEMO_EMAIL_DOMAIN}`,
  name,
  roles,
  login,
});

export const DEMO_USERS: DemoUser[] = [
  u('admin', 'Robin Hale (VAWG Strategic Lead, demo)', [Role.ADMIN], 'strategic lead (admin)'),
  u('board', 'Morgan Ashby (Strategic Board member, demo)', [Role.BOARD], 'board member'),
  u('chair', 'Jordan Pryce (chair, demo)', [], 'operational group chair'),
  u('member', 'Casey Okafor (group member, demo)', [], 'operational group member'),
  u('dhr-panel', 'Avery Lennox (DHR panel, demo)', [Role.DHR_PANEL], 'DHR panel member'),
  u(
    'facilitator',
    'Sam Whitlow (survivor forum facilitator, demo)',
    [Role.FACILITATOR],
    'survivor forum facilitator',
  ),
  u('coordinator-specialist', 'Drew Kestrel (coordinator, demo)'),
  u('chair-housing', 'Rowan Tait (chair, demo)'),
  u('coordinator-housing', 'Elliot Marr (coordinator, demo)'),
  u('chair-risk', 'Quinn Adebayo (chair, demo)', [Role.DHR_PANEL]),
  u('coordinator-risk', 'Harper Vance (coordinator, demo)', [Role.DHR_PANEL]),
  u('chair-children-health', 'Reese Calder (chair, demo)'),
  u('coordinator-children-health', 'Skyler Dunmore (coordinator, demo)'),
  u('chair-harmful', 'Parker Loxley (chair, demo)'),
  u('coordinator-harmful', 'Emerson Frye (coordinator, demo)'),
  u('chair-mse', 'Finley Rook (chair, demo)'),
  u('coordinator-mse', 'Sasha Penhale (coordinator, demo)'),
];

// ---------------------------------------------------------------------------------------------
// The six operational groups (001 "Work of our Operational Groups"; 004 §12: "6 Operational Groups
// that each have a coordinator and a chairperson").
// ---------------------------------------------------------------------------------------------

export const DEMO_GROUPS: DemoGroup[] = [
  {
    key: 'specialist',
    name: 'Specialist Services Group',
    description:
      'This group provides a space for a range of VAWG providers to come together to identify need, challenges and develop best practice.',
    chair: 'chair',
    coordinator: 'coordinator-specialist',
    members: ['member', 'facilitator'],
  },
  {
    key: 'housing',
    name: 'Housing Group',
    description:
      "This group focused on raising awareness of the Pan-London Reciprocal Scheme, housing's role in Perpetrator Management and the Criminal Justice System. The group has developed a dataset and increased referrals into MARAC to 5-11% (the national rate is 2%).",
    chair: 'chair-housing',
    coordinator: 'coordinator-housing',
    members: [],
  },
  {
    key: 'risk',
    name: 'Risk & Review Group',
    description:
      'The group continues to monitor the effectiveness of MARACs, SDVC and DHRs. In addition, each meeting is focusing on risk in relation to a different VAWG strand. Key successes include developing a DHR Protocol and establishing a DHR Task and Finish Group.',
    chair: 'chair-risk',
    coordinator: 'coordinator-risk',
    members: ['dhr-panel'],
  },
  {
    key: 'children-health',
    name: 'Children & Health Group',
    description:
      'This group has focused on training and trained 127 delegates from Primary Care, 692 at ChelWest, 48 midwives and 116 colleagues from Social Care.',
    chair: 'chair-children-health',
    coordinator: 'coordinator-children-health',
    members: [],
  },
  {
    key: 'harmful',
    name: 'Harmful Practices Group',
    description:
      'The group have a new Coordinator and have focused on data collection to better understand need. Key successes include a conference attended by over 50 professionals and a new theory of change model.',
    chair: 'chair-harmful',
    coordinator: 'coordinator-harmful',
    members: [],
  },
  {
    key: 'mse',
    name: 'Modern Slavery & Exploitation Group',
    description:
      'The three boroughs have continued to strengthen its coordinated community response to MSE though the operational group, the work of partners and the MSE coordinator. This has included developing a robust data dashboard, delivering training to 650 professionals, and developing a theory of change model.',
    chair: 'chair-mse',
    coordinator: 'coordinator-mse',
    members: [],
  },
];

// ---------------------------------------------------------------------------------------------
// Strategy 1: the three-borough shared strategy (000, 001). Its seven priorities become objectives;
// each priority's statement in the annual report is taken as its outcome (the documents give no
// theory of change for these priorities, so there are no outputs).
// ---------------------------------------------------------------------------------------------

const pct = (name: string, baseline: number, achieved: number, target: number): DemoIndicator => ({
  name,
  unit: '%',
  baseline,
  target,
  // 001 gives "Baseline" and "Achieved" for 2019-20: the baseline is placed at the start of the year.
  measurements: [
    { period: '2019-03-31', value: baseline },
    { period: '2020-03-31', value: achieved },
  ],
});

export const THREE_BOROUGH_STRATEGY: DemoStrategy = {
  key: 'three-borough',
  title: 'Violence Against Women and Girls Shared Services Strategy 2015-2020 and Addendum',
  vision:
    "Our VAWG Strategy details how our Partnership will deliver a Coordinated Community Response (CCR) to VAWG; it keeps survivors and children at the centre of its aims and objectives, whilst also holding perpetrators accountable for their actions. Our CCR model is our local, whole system approach and highlights how ending VAWG must be everyone's responsibility.",
  // Adopted by the three cabinets in April 2015 (000); the addendum carried it through the 2020-21 priorities (001).
  startsOn: '2015-04-27',
  endsOn: '2021-03-31',
  objectives: [
    {
      code: 'P1',
      title: 'Access',
      description:
        'The three borough VAWG Partnership is committed to providing high quality services which are accessible, flexible and available in a timely way to a wide range of survivors. The Partnership will ensure that access to services is easy, early and quick.',
      outcomes: [
        {
          key: 'P1-oc',
          title: 'Access to services is easy, early and quick.',
          indicators: [
            {
              // 001 §1.4: women seen at the FGM clinics across the three boroughs.
              name: 'Women seen at Female Genital Mutilation (FGM) clinics',
              unit: 'women',
              baseline: null,
              target: null,
              measurements: [
                { period: '2020-03-31', value: 102 },
                { period: '2020-03-31', value: 32, area: BOROUGHS.hf },
                { period: '2020-03-31', value: 34, area: BOROUGHS.kc },
                { period: '2020-03-31', value: 36, area: BOROUGHS.wcc },
              ],
            },
          ],
        },
      ],
      outputs: [],
    },
    {
      code: 'P2',
      title: 'Response',
      description:
        'Services are consistent, personalised, confidential and lead to survivors feeling and being safer in both the short and long-term.',
      outcomes: [
        {
          key: 'P2-oc',
          title: 'Survivors feeling and being safer in both the short and long-term.',
          indicators: [
            pct('Improved safety of victims and their children', 65, 87, 90),
            pct('Women report a reduction in abuse due to support & advice', 67, 94, 95),
            // The report's line is cut off after "Women and girls report impr"; "improved wellbeing" completes it.
            pct('Women and girls report improved wellbeing', 55, 78, 80),
            pct('Percentage of VAWG cases where risk is reduced at case closure', 62, 94, 95),
            {
              // 001 gives 62% (2018-19) and 94% (2019-20) for the partnership only: the borough counts
              // below are ours, chosen to give those percentages; the 2020-21 first quarter is ours too
              // (one borough with fewer than 5 closures, one not yet reported).
              name: 'VAWG cases where risk is reduced at case closure, by borough',
              unit: '%',
              baseline: 62,
              target: 95,
              isRate: true,
              tolerance: 5,
              trajectory: [
                { period: '2020-03-31', value: 80 },
                { period: '2021-03-31', value: 95 },
              ],
              measurements: [
                {
                  period: '2019-03-31',
                  value: 0,
                  numerator: 62,
                  denominator: 100,
                  area: BOROUGHS.hf,
                  source: 'illustrative',
                },
                {
                  period: '2019-03-31',
                  value: 0,
                  numerator: 50,
                  denominator: 80,
                  area: BOROUGHS.kc,
                  source: 'illustrative',
                },
                {
                  period: '2019-03-31',
                  value: 0,
                  numerator: 74,
                  denominator: 120,
                  area: BOROUGHS.wcc,
                  source: 'illustrative',
                },
                {
                  period: '2020-03-31',
                  value: 0,
                  numerator: 94,
                  denominator: 100,
                  area: BOROUGHS.hf,
                  source: 'illustrative',
                },
                {
                  period: '2020-03-31',
                  value: 0,
                  numerator: 73,
                  denominator: 80,
                  area: BOROUGHS.kc,
                  source: 'illustrative',
                },
                {
                  period: '2020-03-31',
                  value: 0,
                  numerator: 115,
                  denominator: 120,
                  area: BOROUGHS.wcc,
                  source: 'illustrative',
                },
                {
                  period: '2020-06-30',
                  value: 0,
                  numerator: 21,
                  denominator: 25,
                  area: BOROUGHS.hf,
                  source: 'illustrative',
                },
                {
                  period: '2020-06-30',
                  value: 0,
                  numerator: 3,
                  denominator: 4,
                  area: BOROUGHS.kc,
                  source: 'illustrative',
                },
              ],
            },
            {
              // 001 §2.4: "446 referrals (357 referrals last year)" etc.
              name: 'MARAC referrals',
              unit: 'referrals',
              baseline: 1049,
              target: 1300,
              tolerance: 50,
              // Ours: a rise of about 10% a year to the target, and each borough's share of it.
              trajectory: [
                { period: '2020-03-31', value: 1150 },
                { period: '2021-03-31', value: 1300 },
                { period: '2020-03-31', value: 390, area: BOROUGHS.wcc },
                { period: '2020-03-31', value: 320, area: BOROUGHS.kc },
                { period: '2020-03-31', value: 440, area: BOROUGHS.hf },
              ],
              measurements: [
                { period: '2019-03-31', value: 1049 },
                { period: '2019-03-31', value: 357, area: BOROUGHS.wcc },
                { period: '2019-03-31', value: 294, area: BOROUGHS.kc },
                { period: '2019-03-31', value: 398, area: BOROUGHS.hf },
                { period: '2020-03-31', value: 1200 },
                { period: '2020-03-31', value: 446, area: BOROUGHS.wcc },
                { period: '2020-03-31', value: 325, area: BOROUGHS.kc },
                { period: '2020-03-31', value: 429, area: BOROUGHS.hf },
              ],
            },
            {
              // 001 §2.6: "373 IDVA referrals were made compared to 347 in 2018-19".
              name: 'IDVA referrals at Chelsea and Westminster Hospital',
              unit: 'referrals',
              baseline: 347,
              target: 400,
              measurements: [
                { period: '2019-03-31', value: 347 },
                { period: '2020-03-31', value: 373 },
              ],
            },
            {
              // 001 §2.5: local authority referrals to the National Referral Mechanism, 2019-20.
              name: 'Local authority referrals to the National Referral Mechanism',
              unit: 'referrals',
              baseline: null,
              target: null,
              measurements: [
                { period: '2020-03-31', value: 48 },
                { period: '2020-03-31', value: 11, area: BOROUGHS.kc },
                { period: '2020-03-31', value: 19, area: BOROUGHS.hf },
                { period: '2020-03-31', value: 18, area: BOROUGHS.wcc },
              ],
            },
          ],
        },
      ],
      outputs: [],
    },
    {
      code: 'P3',
      title: 'Community',
      description:
        'The three boroughs are a safer place for women and girls where residents, take responsibility if they encounter abuse and know how to help family, friends, colleagues and neighbours.',
      outcomes: [
        {
          key: 'P3-oc',
          title:
            'Residents take responsibility if they encounter abuse and know how to help family, friends, colleagues and neighbours.',
        },
      ],
      outputs: [],
    },
    {
      code: 'P4',
      title: 'Practitioners',
      description:
        'To lead on the development of good practice for professionals and will concentrate on providing a package of VAWG training and sector based support for practitioners alongside encouraging innovation in service delivery within a multi-agency context.',
      outcomes: [
        {
          key: 'P4-oc',
          title: 'A package of VAWG training and sector based support for practitioners.',
          indicators: [
            {
              // 001 §2.6: "660 workers have undertaken Level 2 training this year. This is a 23% increase";
              // the baseline 537 is derived from that increase.
              name: 'Chelsea and Westminster Hospital workers undertaking Level 2 training',
              unit: 'workers',
              baseline: 537,
              target: 700,
              measurements: [
                { period: '2019-03-31', value: 537 },
                { period: '2020-03-31', value: 660 },
              ],
            },
          ],
        },
      ],
      outputs: [],
    },
    {
      code: 'P5',
      title: 'Children and Young People',
      description:
        'Children and young people who experience abuse are supported. The boroughs will prioritise both prevention of violence and abuse and provision of support.',
      outcomes: [
        {
          key: 'P5-oc',
          title: 'Children and young people who experience abuse are supported.',
          indicators: [
            {
              // 001 §5.5: schools registering interest in Operation Encompass.
              name: 'Schools registering interest in Operation Encompass',
              unit: 'schools',
              baseline: null,
              target: null,
              measurements: [
                { period: '2020-03-31', value: 88 },
                { period: '2020-03-31', value: 32, area: BOROUGHS.hf },
                { period: '2020-03-31', value: 29, area: BOROUGHS.kc },
                { period: '2020-03-31', value: 27, area: BOROUGHS.wcc },
              ],
            },
          ],
        },
      ],
      outputs: [],
    },
    {
      code: 'P6',
      title: 'Perpetrators',
      description:
        'The three borough VAWG Partnership will ensure that perpetrators of all forms of VAWG are held to account and are supported to reform.',
      outcomes: [
        {
          key: 'P6-oc',
          title: 'Perpetrators of all forms of VAWG are held to account and are supported to reform.',
        },
      ],
      outputs: [],
    },
    {
      code: 'P7',
      title: 'Justice and Protection',
      description:
        'The VAWG Partnership will deliver justice and protection for survivors and their families according to their needs within a criminal and civil justice framework and also within a wider social context.',
      outcomes: [
        {
          key: 'P7-oc',
          title: 'Justice and protection for survivors and their families according to their needs.',
          indicators: [
            {
              // 001 §7.3: "risen from 70% from 2018-19 up to 80% this financially year".
              name: 'Defendants convicted at the Specialist Domestic Abuse Courts',
              unit: '%',
              baseline: 70,
              target: 85,
              measurements: [
                { period: '2019-03-31', value: 70 },
                { period: '2020-03-31', value: 80 },
              ],
            },
            {
              name: 'Defendants making early guilty pleas at the Specialist Domestic Abuse Courts',
              unit: '%',
              baseline: 40,
              target: 50,
              measurements: [
                { period: '2019-03-31', value: 40 },
                { period: '2020-03-31', value: 42 },
              ],
            },
            {
              // 001 §7.1 table, 2019/20.
              name: 'Domestic abuse sanction detections',
              unit: 'detections',
              baseline: null,
              target: null,
              measurements: [
                { period: '2020-03-31', value: 708 },
                { period: '2020-03-31', value: 264, area: BOROUGHS.wcc },
                { period: '2020-03-31', value: 145, area: BOROUGHS.hf },
                { period: '2020-03-31', value: 299, area: BOROUGHS.kc },
              ],
            },
            {
              name: 'Sexual violence sanction detections',
              unit: 'detections',
              baseline: null,
              target: null,
              measurements: [
                { period: '2020-03-31', value: 136 },
                { period: '2020-03-31', value: 29, area: BOROUGHS.wcc },
                { period: '2020-03-31', value: 37, area: BOROUGHS.hf },
                { period: '2020-03-31', value: 70, area: BOROUGHS.kc },
              ],
            },
          ],
        },
      ],
      outputs: [],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Strategy 2: the 2021 Westminster and Kensington & Chelsea strategy (004), with each objective's
// theory of change: outputs ("How will we achieve our outcome?") paired row by row with outcomes
// ("What difference will this make?").
// ---------------------------------------------------------------------------------------------

export const BI_BOROUGH_STRATEGY: DemoStrategy = {
  key: 'bi-borough',
  title: 'Violence against Women and Girls Strategy: Westminster and Kensington & Chelsea',
  vision:
    'Our vision is to end violence against women and girls through our coordinated community response approach, and to make our boroughs safe for anyone who is living, working, visiting, and travelling in Westminster and Kensington & Chelsea.',
  // 004 is the 2021 strategy "for the next five years"; the exact dates are ours. It starts with
  // 2019-20, the year its baselines were measured (001), so that they can be recorded: a measurement
  // outside its strategy's dates is refused.
  startsOn: '2019-04-01',
  endsOn: '2026-11-30',
  objectives: [
    {
      code: 'O1',
      title: 'Violence against women and girls is prevented',
      description:
        'Prevention of VAWG must always be our first priority. In order to prevent VAWG we must address the root causes of the problem. As VAWG is the result of gender inequality and discrimination, we will work collaboratively with agencies and communities in tackling the harmful behaviours and attitudes that underpin abuse.',
      outcomes: [
        {
          key: 'O1-oc1',
          title: 'Residents and professionals are supported to better identify and respond to VAWG.',
          indicators: [
            {
              // 001 §5.3: 182 teachers trained in 2019-20 is the starting point; later values illustrative.
              name: 'Teachers trained through the Domestic Abuse Prevention in Schools Programme',
              unit: 'teachers',
              baseline: 182,
              target: 400,
              measurements: [
                { period: '2021-03-31', value: 182 },
                { period: '2023-03-31', value: 246, illustrative: true },
                { period: '2024-03-31', value: 301, illustrative: true },
                { period: '2025-03-31', value: 338, illustrative: true },
              ],
            },
          ],
        },
        {
          key: 'O1-oc2',
          title: 'Communities can come together to challenge harmful attitudes.',
          indicators: [
            {
              // 004 §7: "At its peak the project had over 70 Soho Angels working at least one shift a month."
              name: 'Soho Angels volunteers working at least one shift a month',
              unit: 'volunteers',
              baseline: 70,
              target: 90,
              measurements: [
                { period: '2021-09-30', value: 70 },
                { period: '2023-09-30', value: 74, illustrative: true },
                { period: '2025-09-30', value: 81, illustrative: true },
              ],
            },
          ],
        },
        { key: 'O1-oc3', title: 'Everyone understands their role in responding and ending VAWG' },
      ],
      outputs: [
        {
          key: 'O1-op1',
          title: 'Increased knowledge and understanding across communities through training and events',
          outcomeKeys: ['O1-oc1'],
        },
        {
          key: 'O1-op2',
          title: 'Awareness raised through campaigns and activities',
          outcomeKeys: ['O1-oc2'],
        },
        { key: 'O1-op3', title: 'Preventative work with young people', outcomeKeys: ['O1-oc3', 'O1-oc1'] },
      ],
    },
    {
      code: 'O2',
      title: 'Survivors are supported',
      description:
        'We recognise that survivors need a range of support at different stages of their journey. We are determined to create a joined-up approach with services working together, so that survivors are provided the right support at the right time. The aim is that this be led by the needs of survivors, be provided immediately and be long-term, holistic, and intersectional.',
      outcomes: [
        { key: 'O2-oc1', title: 'Abuse is identified and support is offered.' },
        { key: 'O2-oc2', title: 'A joined-up approach is created with agencies working together' },
        {
          key: 'O2-oc3',
          title: 'Survivor’ holistic needs are met',
          indicators: [
            {
              // The Angelou Partnership measure (001 §2.1): 78% achieved in 2019-20 is this strategy's baseline.
              name: 'Women and girls report improved wellbeing',
              unit: '%',
              baseline: 78,
              target: 85,
              tolerance: 2,
              // Ours: steps from the 2019-20 baseline to the target by the strategy's end.
              trajectory: [
                { period: '2023-03-31', value: 80 },
                { period: '2025-03-31', value: 83 },
                { period: '2026-11-30', value: 85 },
              ],
              measurements: [
                { period: '2021-03-31', value: 78 },
                { period: '2023-03-31', value: 80, illustrative: true },
                { period: '2025-03-31', value: 83, illustrative: true },
              ],
            },
          ],
        },
        { key: 'O2-oc4', title: 'Survivors’ voices are heard and shape responses' },
      ],
      outputs: [
        { key: 'O2-op1', title: 'Agencies follow duties and best practice', outcomeKeys: ['O2-oc1'] },
        {
          key: 'O2-op2',
          title: 'Referrals are made to support needed, when needed',
          outcomeKeys: ['O2-oc2'],
        },
        {
          key: 'O2-op3',
          title: 'Trauma-informed and intersectional support is in place',
          outcomeKeys: ['O2-oc3'],
        },
        { key: 'O2-op4', title: 'Creation of Survivor Forums', outcomeKeys: ['O2-oc4'] },
      ],
    },
    {
      code: 'O3',
      title: 'Partnership working',
      description:
        'We will use our CCR model to bring together services, including health, housing, social care, education, criminal justice, and communities, to ensure local systems a) keep survivors safe, b) hold abusers to account, and c) prevent abuse.',
      outcomes: [
        { key: 'O3-oc1', title: 'Survivors can access support through multiple routes' },
        {
          key: 'O3-oc2',
          title:
            'Processes are in place to ensure a positive initial response and referral to appropriate specialist if needed.',
        },
        {
          key: 'O3-oc3',
          title: 'Professionals are well trained and feel competent and confident to respond.',
          indicators: [
            {
              // 004 §9 / 001 §4.4: the Pathfinder Project "trained 180 NHS staff on domestic abuse".
              name: 'NHS staff trained on domestic abuse (Level 2 and Level 3)',
              unit: 'staff',
              baseline: 180,
              target: 500,
              measurements: [
                { period: '2020-03-31', value: 180 },
                { period: '2022-09-30', value: 260, illustrative: true },
                { period: '2024-09-30', value: 372, illustrative: true },
                { period: '2026-09-30', value: 445, illustrative: true },
              ],
            },
          ],
        },
      ],
      outputs: [
        { key: 'O3-op1', title: 'All agencies see ending VAWG as core ‘business’', outcomeKeys: ['O3-oc1'] },
        { key: 'O3-op2', title: 'A shared understanding of need and response', outcomeKeys: ['O3-oc2'] },
        {
          key: 'O3-op3',
          title: 'Increased knowledge, skills, and capacity in responding',
          outcomeKeys: ['O3-oc3'],
        },
      ],
    },
    {
      code: 'O4',
      title: 'Abusers are held to account',
      description:
        'Ending violence against women and girls can only happen if perpetrators stop their abuse. Our strategy recognises that we must address the root causes of VAWG. This involves holding abusers to account and providing intervention and support for them to change their behaviour.',
      outcomes: [
        {
          key: 'O4-oc1',
          title: 'Justice for survivors. Abusers know that their behaviour will not be tolerated',
          indicators: [
            {
              // 001 §7.3: conviction rate at the Specialist Domestic Abuse Courts, 80% in 2019-20.
              name: 'Defendants convicted at the Specialist Domestic Abuse Courts',
              unit: '%',
              baseline: 80,
              target: 85,
              measurements: [
                { period: '2020-03-31', value: 80 },
                { period: '2023-03-31', value: 81, illustrative: true },
                { period: '2025-03-31', value: 83, illustrative: true },
              ],
            },
          ],
        },
        { key: 'O4-oc2', title: 'Abusers will change their behaviour reducing harm to others' },
        { key: 'O4-oc3', title: 'Everyone’s equal human rights are upheld' },
      ],
      outputs: [
        {
          key: 'O4-op1',
          title: 'Professionals are confident in holding abusers to account',
          outcomeKeys: ['O4-oc1'],
        },
        { key: 'O4-op2', title: 'Abusers will be provided support to reform', outcomeKeys: ['O4-oc2'] },
        { key: 'O4-op3', title: 'Root causes of abuse tackled', outcomeKeys: ['O4-oc3'] },
      ],
    },
  ],
};

export const DEMO_STRATEGIES: DemoStrategy[] = [THREE_BOROUGH_STRATEGY, BI_BOROUGH_STRATEGY];

// ---------------------------------------------------------------------------------------------
// Actions. Strategy 1: the annual report's "Priorities for 2020-21" table (001 §6), one action per
// row: Agreed Action -> title, Action Update -> the update's progress, Action Impact -> its impact and
// the success measure. The table's RAG colours did not survive into the text: the ratings here are read
// from each update's wording. The documented update is dated September 2020 (the report's date); an
// earlier "in progress" update a quarter before is derived, and later ones are taken from what the 2021
// strategy (004) says happened next.
// ---------------------------------------------------------------------------------------------

const S1_AGREED = '2020-04-01';
const S1_DUE = '2021-03-31';
const S1_REPORT = '2020-09-30';

const s1 = (
  ref: string,
  objectiveCode: string,
  group: string,
  lead: string,
  title: string,
  successMeasure: string,
  tags: string[],
  updates: DemoActionUpdate[],
  dueOn = S1_DUE,
): DemoAction => ({
  ref,
  strategy: 'three-borough',
  objectiveCode,
  group,
  title,
  description: title,
  successMeasure,
  lead,
  agreedOn: S1_AGREED,
  startsOn: S1_AGREED,
  dueOn,
  tags,
  updates,
});

const documented = (
  rag: RagValue,
  status: ActionStatusValue,
  progress: string,
  impact: string,
): DemoActionUpdate => ({
  reportedOn: S1_REPORT,
  rag,
  status,
  progress,
  impact,
  documented: true,
});

const derivedStart = (progress: string, rag: RagValue | null = 'AMBER'): DemoActionUpdate => ({
  reportedOn: '2020-06-30',
  rag,
  status: rag ? 'IN_PROGRESS' : 'NOT_STARTED',
  progress,
  impact: '',
});

export const DEMO_ACTIONS: DemoAction[] = [
  s1(
    '2020-21/ACC-1',
    'P1',
    'specialist',
    'VAWG Strategic Lead',
    'Monitor performance of both specialist and statutory services and data collection.',
    'Evidence has been gathered measuring the impact of VAWG work and plans are underway to better collect and measure data.',
    ['ecological-level:institutional', 'strand:domestic-abuse', ...THREE_BOROUGHS],
    [
      derivedStart('Contract monitoring meetings scheduled with specialist services.'),
      documented(
        'GREEN',
        'IN_PROGRESS',
        'Contract monitoring meetings held with specialist services with targets being met. A VAWG data dashboard to be developed.',
        'Evidence has been gathered measuring the impact of VAWG work and plans are underway to better collect and measure data.',
      ),
      {
        reportedOn: '2021-03-31',
        rag: 'GREEN',
        status: 'COMPLETE',
        progress: 'Contract monitoring meetings held with specialist services with targets being met.',
        impact: 'Evidence has been gathered measuring the impact of VAWG work.',
      },
    ],
  ),
  s1(
    '2020-21/ACC-2',
    'P1',
    'specialist',
    'Community Safety Teams',
    'Increase access locations through outreach workers available at various community and mainstream settings.',
    'Emphasis is placed on not duplicating services, ensuring appropriate services are commissioned and gaps in provision picked up from Pan-London and National services.',
    ['ecological-level:community', 'strand:domestic-abuse', 'strand:sexual-violence', ...THREE_BOROUGHS],
    [
      derivedStart('Work underway to streamline Pan-London provision with local pathways.'),
      documented(
        'AMBER',
        'IN_PROGRESS',
        'Work underway to streamline Pan- London provision with local pathways. Additional funding received from VRU (health) and MHCLG (housing). The Community Safety Teams to put the VAWG services out for tender. Develop a commissioning strategy',
        'Emphasis is placed on not duplicating services, ensuring appropriate services are commissioned and gaps in provision picked up from Pan-London and National services.',
      ),
      {
        reportedOn: '2020-12-31',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress:
          'The Community Safety Teams to put the VAWG services out for tender. Develop a commissioning strategy',
        impact: 'Emphasis is placed on not duplicating services.',
      },
      {
        // 004 §12: "Westminster and Kensington & Chelsea commit to commissioning specialist VAWG services".
        reportedOn: '2021-09-30',
        rag: 'GREEN',
        status: 'COMPLETE',
        progress:
          'Westminster and Kensington & Chelsea commit to commissioning specialist VAWG services to support survivors.',
        impact: 'Appropriate services are commissioned and gaps in provision picked up.',
      },
    ],
  ),
  s1(
    '2020-21/ACC-3',
    'P1',
    'specialist',
    'VAWG Strategic Lead',
    'Ensure services are available and accessible in light of COVID-19',
    'Survivors and professionals are aware of support available during lockdown and services are accessible.',
    ['ecological-level:individual', 'strand:domestic-abuse', ...THREE_BOROUGHS],
    [
      derivedStart('A quick response to COVID-19 was coordinated, with a move to online meetings.', 'RED'),
      documented(
        'AMBER',
        'IN_PROGRESS',
        'Identify additional funding for services. Coordinate briefings and communication strategies to highlight support services.',
        'Survivors and professionals are aware of support available during lockdown and services are accessible.',
      ),
      {
        reportedOn: '2021-03-31',
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress: 'Coordinate briefings and communication strategies to highlight support services.',
        impact: 'Survivors and professionals are aware of support available during lockdown.',
      },
    ],
  ),
  s1(
    '2020-21/RES-1',
    'P2',
    'housing',
    'Housing Group',
    'Promote coordinated, needs led (in addition to risk led) provision and service modelling in both specialist and mainstream services.',
    "Work is focusing on 'system wide change' ensuring mainstreaming of VAWG work across the partnership.",
    ['ecological-level:institutional', 'strand:domestic-abuse', ...THREE_BOROUGHS],
    [
      derivedStart('All three boroughs working towards DAHA accreditation.'),
      documented(
        'GREEN',
        'IN_PROGRESS',
        'All three boroughs have signed up to DAHA (Domestic Abuse Housing Alliance) accreditation. SafeLives independent report into long term, needs led support through MSWTA to be published.',
        "Work is focusing on 'system wide change' ensuring mainstreaming of VAWG work across the partnership.",
      ),
      {
        reportedOn: '2021-06-30',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress:
          'SafeLives independent report into long term, needs led support through MSWTA to be published.',
        impact: "Work is focusing on 'system wide change'.",
      },
    ],
  ),
  s1(
    '2020-21/RES-2',
    'P2',
    'specialist',
    'Specialist Services Group',
    "Ensure that victims and survivors can influence service development by including survivors' voices in all consultation for commissioned services and strategic processes.",
    'Survivors voices and experiences shape the direction of VAWG work.',
    ['ecological-level:individual', 'strand:domestic-abuse', 'strand:sexual-violence', ...THREE_BOROUGHS],
    [
      derivedStart('Survivor consultation planned for the commissioning of VAWG provision.', null),
      documented(
        'AMBER',
        'IN_PROGRESS',
        "Survivor's to be consulted for commissioning of VAWG provision. Plans to create an ongoing expert through experience steering group.",
        'Survivors voices and experiences shape the direction of VAWG work.',
      ),
      {
        // 004 §3: "we spoke to survivors, who are experts through experience".
        reportedOn: '2021-06-30',
        rag: 'GREEN',
        status: 'COMPLETE',
        progress:
          'In developing this strategy, we spoke to survivors, who are experts through experience, about what they felt was important in developing our approach for the next five years.',
        impact: 'Survivors voices and experiences shape the direction of VAWG work.',
      },
    ],
  ),
  s1(
    '2020-21/RES-3',
    'P2',
    'risk',
    'VAWG Strategic Lead',
    'Develop a VAWG Strategy setting out the strategic priorities for the VAWG Partnership.',
    "A VAWG strategy which sets out the VAWG Partnership's strategic approach to ending VAWG as part as a CCR.",
    [
      'ecological-level:societal',
      'strand:domestic-abuse',
      'strand:sexual-violence',
      'strand:harmful-practices',
    ],
    [
      derivedStart('Multi-agency workshop to develop the new VAWG Strategy.', 'GREEN'),
      documented(
        'RED',
        'IN_PROGRESS',
        'Development of the strategy paused and to be picked up once lockdown eases.',
        "A VAWG strategy which sets out the VAWG Partnership's strategic approach to ending VAWG as part as a CCR.",
      ),
      {
        reportedOn: '2021-03-31',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress:
          'A new strategic approach is being developed collaboratively with partners, including survivors, residents, and local businesses.',
        impact: 'An opportunity to centre VAWG and strengthen our CCR approach.',
      },
      {
        // 004 is that strategy.
        reportedOn: '2021-12-01',
        rag: 'GREEN',
        status: 'COMPLETE',
        progress:
          'This partnership strategy has been co-produced by partners, including survivors, residents, and local businesses.',
        impact:
          "A VAWG strategy which sets out the VAWG Partnership's strategic approach to ending VAWG as part as a CCR.",
      },
    ],
  ),
  s1(
    '2020-21/COM-1',
    'P3',
    'harmful',
    'VAWG Strategic Lead',
    'Develop a communications plan to ensure coverage of priority VAWG areas and deliver a series of campaigns and community engagement events.',
    "Ending VAWG being 'everyone's business' is clearly communicated, and awareness is raised.",
    ['ecological-level:community', 'strand:domestic-abuse', 'strand:harmful-practices', ...THREE_BOROUGHS],
    [
      derivedStart('Programme of events for the UN 16 Days of Activism being planned.'),
      documented(
        'GREEN',
        'IN_PROGRESS',
        'A series of events and campaigns to be held over 2020-21. A campaign to be run to raise awareness of support during COVID-19.',
        "Ending VAWG being 'everyone's business' is clearly communicated, and awareness is raised.",
      ),
      {
        reportedOn: '2020-12-31',
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress:
          "A programme poster was created highlighting partners' events across the boroughs. This included a social media campaign, an awareness raising film, Blooming Strong coffee mornings and an annual conference.",
        impact: 'Awareness is raised.',
      },
    ],
  ),
  s1(
    '2020-21/COM-2',
    'P3',
    'mse',
    'Community Safety Teams',
    'Work with local business, British Transport Police, the night-time economy, and community policing teams to respond appropriately, hold perpetrators to account and, counter sexual harassment on transport, streets and in public/private spaces.',
    'The three boroughs are linked in with Pan-London best practice. The three boroughs are safer for residents.',
    ['ecological-level:community', 'strand:sexual-violence', 'strand:sexual-harassment', ...THREE_BOROUGHS],
    [
      derivedStart('Contact made with the Pan-London Night Time Economy Charter.', null),
      documented(
        'AMBER',
        'IN_PROGRESS',
        'Sign up to the Pan-London Night Time Economy Charter. Work with businesses and local partners to raise awareness of VAWG as part of the CCR.',
        'The three boroughs are linked in with Pan-London best practice. The three boroughs are safer for residents.',
      ),
      {
        reportedOn: '2021-09-30',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress: 'Work with businesses and local partners to raise awareness of VAWG as part of the CCR.',
        impact: 'The three boroughs are linked in with Pan-London best practice.',
      },
    ],
  ),
  s1(
    '2020-21/PRA-1',
    'P4',
    'children-health',
    'VAWG Partnership Training Task and Finish group',
    // The first words of this row are lost in the report's text; the rest is as printed.
    'Deliver training across the three boroughs to increase workforce confidence in identifying and responding to VAWG-related issues.',
    'Professionals are trained in understanding and responding to VAWG.',
    [
      'ecological-level:institutional',
      'strand:domestic-abuse',
      'strand:harmful-practices',
      ...THREE_BOROUGHS,
    ],
    [
      derivedStart('VAWG Partnership Training Task and Finish group being set up.'),
      documented(
        'GREEN',
        'IN_PROGRESS',
        'VAWG Partnership Training Task and Finish group created; Developed a training brochure.',
        'Professionals are trained in understanding and responding to VAWG.',
      ),
      {
        reportedOn: '2021-03-31',
        rag: 'GREEN',
        status: 'COMPLETE',
        progress: 'A consolidated brochure was developed outlining training offered by a range of partners.',
        impact: 'Professionals are trained in understanding and responding to VAWG.',
      },
    ],
  ),
  s1(
    '2020-21/CYP-1',
    'P5',
    'children-health',
    'Local Safeguarding Children Partnership',
    "Promote a 'whole family' approach by supporting children and their non- abusive parent/guardian. Address current gap in services by developing specialist support, advocacy and therapeutic services to children and young people who are experiencing abuse.",
    "Professionals 'partner' with the non-abusive parent and hold perpetrators to account. Children and young people experiencing VAWG are better supported. Continued partnership working with FCS.",
    ['ecological-level:individual', 'strand:domestic-abuse', ...THREE_BOROUGHS],
    [
      derivedStart(
        'The LSCP has endorsed Safe & Together and is coordinating training delivery for FCS staff.',
      ),
      documented(
        'GREEN',
        'IN_PROGRESS',
        'Safe & Together Model adopted by all three boroughs improving responses in FCS. Embed Joint Working Protocol developed with LSCP; Specialist services working with schools in a preventative capacity. Operation Encompass taking place in schools.',
        "Professionals 'partner' with the non-abusive parent and hold perpetrators to account. Children and young people experiencing VAWG are better supported. Continued partnership working with FCS.",
      ),
      {
        reportedOn: '2021-03-31',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress: 'Embed Joint Working Protocol developed with LSCP.',
        impact: 'Children and young people experiencing VAWG are better supported.',
      },
    ],
  ),
  s1(
    '2020-21/PER-1',
    'P6',
    'risk',
    'Risk & Review Group',
    'Maximise opportunities to engage with, challenge and give perpetrators opportunity to change their behaviours whilst holding them accountable.',
    'Work is being developed to better coordinate a response to perpetrators of VAWG.',
    ['ecological-level:individual', 'strand:domestic-abuse', ...THREE_BOROUGHS],
    [
      derivedStart(
        'Locally, a steering group will be set up to incorporate national research on best practice in perpetrator approaches.',
        null,
      ),
      documented(
        'AMBER',
        'IN_PROGRESS',
        'Create a working group to develop a local position on perpetrator response. Identify funding for perpetrator work.',
        'Work is being developed to better coordinate a response to perpetrators of VAWG.',
      ),
      {
        reportedOn: '2021-06-30',
        rag: 'RED',
        status: 'IN_PROGRESS',
        progress: 'Identify funding for perpetrator work.',
        impact: 'Work is being developed to better coordinate a response to perpetrators of VAWG.',
      },
    ],
  ),
  s1(
    '2020-21/JUS-1',
    'P7',
    'risk',
    'Risk & Review Group',
    'Seek justice for victims and develop services which are victim-centred to empower victim-survivors and improve their experience of the criminal justice system.',
    'Survivors are supported to access justice through the CJS.',
    ['ecological-level:institutional', 'strand:domestic-abuse', 'strand:sexual-violence', AREA_TAG.hf],
    [
      derivedStart(
        'The H&F Impact project IDVA co-located at the police station and the specialist domestic abuse courts.',
        'GREEN',
      ),
      documented(
        'GREEN',
        'IN_PROGRESS',
        'The Impact project in H&F. Specialist working taking place in SDVCs.',
        'Survivors are supported to access justice through the CJS.',
      ),
    ],
  ),
  // 001 §4.2: the DHR Task & Finish Group's work, loaded as two actions so DHR recommendations have
  // actions to be delivered by.
  s1(
    '2020-21/DHR-1',
    'P4',
    'risk',
    'DHR Task & Finish Group',
    'Develop a broader thematic action plan to capture the themes across all 10 DHRs.',
    'Lessons learned from DHRs are acted on across the partnership.',
    ['ecological-level:institutional', 'strand:domestic-abuse', ...THREE_BOROUGHS],
    [
      derivedStart('A DHR Task & Finish Group has been set up.'),
      {
        reportedOn: S1_REPORT,
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress:
          'This group arranged a DHR learning event which was attended by over 40 professionals to learn lessons from DHRs.',
        impact: 'Professionals learn lessons from DHRs.',
      },
      {
        reportedOn: '2021-06-30',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress: 'Work is underway on working towards the action plans of these DHRs.',
        impact: '',
      },
    ],
    '2021-09-30',
  ),
  s1(
    '2020-21/DHR-2',
    'P4',
    'risk',
    'DHR Task & Finish Group',
    'Develop a DHR Best Practice Protocol outlining roles and responsibilities.',
    'A DHR Protocol is in place.',
    ['ecological-level:institutional', 'strand:domestic-abuse', ...THREE_BOROUGHS],
    [
      derivedStart(
        'This group is also developing a DHR Best Practice Protocol outlining roles and responsibilities.',
      ),
      {
        reportedOn: S1_REPORT,
        rag: 'GREEN',
        status: 'COMPLETE',
        progress:
          'Key successes include developing a DHR Protocol and establishing a DHR Task and Finish Group.',
        impact: 'Roles and responsibilities for DHRs are agreed.',
      },
    ],
  ),

  // -------------------------------------------------------------------------------------------
  // Strategy 2 (004 §13): "An action plan will be published in early 2022 ... these actions will include
  // work with schools in a preventative capacity, projects helping to make our streets safe, focused work
  // with survivors from minoritised backgrounds and those who experience multiple disadvantage, work in
  // changing perpetrator behaviour, and a focus on improving systems and referral pathways", plus the
  // spotlights' work (Survivor Forums, Pathfinder's health group, Safe & Together). Update texts come from
  // 004; their dates and ratings are illustrative.
  // -------------------------------------------------------------------------------------------
  {
    ref: '2022/O1-1',
    strategy: 'bi-borough',
    objectiveCode: 'O1',
    outputKey: 'O1-op3',
    group: 'children-health',
    title: 'Work with schools in a preventative capacity',
    description:
      'The bi-borough Domestic Abuse Prevention in Schools Programme helps schools to develop a whole school approach to domestic abuse prevention.',
    successMeasure: 'Schools develop a whole school approach to domestic abuse prevention.',
    lead: 'Healthy Schools Partnership',
    agreedOn: '2022-03-01',
    startsOn: '2022-04-01',
    dueOn: '2026-03-31',
    tags: ['ecological-level:institutional', 'strand:domestic-abuse', ...TWO_BOROUGHS],
    updates: [
      {
        reportedOn: '2022-06-30',
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress:
          'The programme is free to educational settings and includes training and capacity building, support for all school staff to improve their knowledge about coercive control and its impact.',
        impact: '',
      },
      {
        reportedOn: '2024-03-31',
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress:
          'Through this Programme, schools can access resources and support around policy development, staff wellbeing, local referral pathways and support services.',
        impact:
          'Feedback from teacher: The training helped in having conversations around this issue with parents. It also clarified what support and pathways are available, and the appropriate next steps in these cases.',
      },
      {
        reportedOn: '2026-03-31',
        rag: 'GREEN',
        status: 'COMPLETE',
        progress: 'Programme offered to every school in both boroughs.',
        impact: 'Schools are part of the coordinated community response to VAWG.',
      },
    ],
  },
  {
    ref: '2022/O1-2',
    strategy: 'bi-borough',
    objectiveCode: 'O1',
    outputKey: 'O1-op2',
    group: 'specialist',
    title: 'Projects helping to make our streets safe',
    description:
      'The Soho Angels is a project which looks to make the West End of Westminster safer by providing on street visible presence on Friday nights, raising awareness of how to support someone, and providing on the spot support for anyone who needs it.',
    successMeasure: 'Our public places are safe for women, especially at night.',
    lead: 'Community Safety Teams',
    agreedOn: '2022-03-01',
    startsOn: '2022-04-01',
    dueOn: '2027-03-31',
    tags: ['ecological-level:community', 'strand:sexual-harassment', 'strand:sexual-violence', AREA_TAG.wcc],
    updates: [
      {
        reportedOn: '2022-09-30',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress: 'Soho Angels volunteers recruited for Friday night shifts.',
        impact: '',
      },
      {
        reportedOn: '2025-06-30',
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress: 'On a typical shift the service would support over 30 people, 70% of whom were women.',
        impact: 'This initiative helps create a zero-tolerance approach to abuse.',
      },
      {
        reportedOn: '2026-09-30',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress:
          'Volunteer numbers below the peak of over 70 Soho Angels working at least one shift a month.',
        impact: '',
      },
    ],
  },
  {
    ref: '2022/O2-1',
    strategy: 'bi-borough',
    objectiveCode: 'O2',
    outputKey: 'O2-op3',
    group: 'specialist',
    title:
      'Focused work with survivors from minoritised backgrounds and those who experience multiple disadvantage',
    description:
      'Support led by the needs of survivors, provided immediately and long-term, holistic, and intersectional.',
    successMeasure: 'Survivor’ holistic needs are met',
    lead: 'Specialist Services Group',
    agreedOn: '2022-03-01',
    startsOn: '2022-04-01',
    dueOn: '2026-06-30',
    tags: [
      'ecological-level:individual',
      'strand:domestic-abuse',
      'strand:harmful-practices',
      ...TWO_BOROUGHS,
    ],
    updates: [
      {
        reportedOn: '2023-03-31',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress: 'Specialist advocates working with survivors on their intersectional needs.',
        impact: '',
      },
      {
        reportedOn: '2025-12-31',
        rag: 'RED',
        status: 'IN_PROGRESS',
        progress: 'Funding for specialist by-and-for provision not yet secured.',
        impact: '',
      },
    ],
  },
  {
    ref: '2022/O2-2',
    strategy: 'bi-borough',
    objectiveCode: 'O2',
    outputKey: 'O2-op4',
    group: 'specialist',
    title: 'Creation of Survivor Forums',
    description:
      'Survivors are experts through experience, and they have said that they need safe spaces where they can talk to other survivors and to “give back.”',
    successMeasure: 'Survivors’ voices are heard and shape responses',
    lead: 'Survivor forum facilitator',
    agreedOn: '2022-03-01',
    startsOn: '2022-04-01',
    dueOn: '2023-03-31',
    tags: ['ecological-level:individual', 'strand:domestic-abuse', 'strand:sexual-violence', ...TWO_BOROUGHS],
    updates: [
      {
        reportedOn: '2022-09-30',
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress: 'Survivors’ forum meeting in each borough.',
        impact: '',
      },
      {
        reportedOn: '2023-03-31',
        rag: 'GREEN',
        status: 'COMPLETE',
        progress:
          'Dedicated spaces for survivors who are experts through experience are part of the governance structure.',
        impact: 'Survivors’ voices are heard and shape responses',
      },
    ],
  },
  {
    ref: '2022/O3-1',
    strategy: 'bi-borough',
    objectiveCode: 'O3',
    outputKey: 'O3-op2',
    group: 'risk',
    title: 'A focus on improving systems and referral pathways',
    description:
      'Services need to work together better so that survivors don’t have to keep telling their story.',
    successMeasure:
      'Processes are in place to ensure a positive initial response and referral to appropriate specialist if needed.',
    lead: 'Risk & Review Group',
    agreedOn: '2022-03-01',
    startsOn: '2022-04-01',
    dueOn: '2025-03-31',
    tags: ['ecological-level:institutional', 'strand:domestic-abuse', ...TWO_BOROUGHS],
    updates: [
      {
        reportedOn: '2022-12-31',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress: 'Referral pathways mapped across health, housing, social care and criminal justice.',
        impact: '',
      },
      {
        reportedOn: '2024-06-30',
        rag: 'AMBER',
        status: 'IN_PROGRESS',
        progress: 'Single referral route agreed in principle; information-sharing agreement in draft.',
        impact: '',
      },
    ],
  },
  {
    ref: '2022/O3-2',
    strategy: 'bi-borough',
    objectiveCode: 'O3',
    outputKey: 'O3-op3',
    group: 'children-health',
    title: 'Continue the Pathfinder work through a health-focused operational group',
    description:
      'The success of the project led to us setting up a health-focused operational group to continue the work.',
    successMeasure: 'Professionals are well trained and feel competent and confident to respond.',
    lead: 'Children & Health Group',
    agreedOn: '2022-03-01',
    startsOn: '2022-04-01',
    dueOn: '2027-03-31',
    tags: ['ecological-level:institutional', 'strand:domestic-abuse', ...TWO_BOROUGHS],
    updates: [
      {
        reportedOn: '2022-09-30',
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress:
          'Domestic abuse experts placed in GP surgeries to provide on-the-spot support for survivors.',
        impact: '',
      },
      {
        reportedOn: '2026-09-30',
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress:
          'Health partners developed policies to make sure their whole organisation understood the role they play.',
        impact: 'An increase in referrals, particularly from older women.',
      },
    ],
  },
  {
    ref: '2022/O4-1',
    strategy: 'bi-borough',
    objectiveCode: 'O4',
    outputKey: 'O4-op2',
    group: 'risk',
    title: 'Work in changing perpetrator behaviour',
    description: 'Providing intervention and support for abusers to change their behaviour.',
    successMeasure: 'Abusers will change their behaviour reducing harm to others',
    lead: 'Risk & Review Group',
    agreedOn: '2022-03-01',
    startsOn: '2022-04-01',
    dueOn: '2024-03-31',
    tags: ['ecological-level:individual', 'strand:domestic-abuse', ...TWO_BOROUGHS],
    updates: [
      {
        reportedOn: '2023-06-30',
        rag: 'RED',
        status: 'NOT_STARTED',
        progress: 'Funding for a perpetrator intervention programme not yet identified.',
        impact: '',
      },
    ],
  },
  {
    ref: '2022/O4-2',
    strategy: 'bi-borough',
    objectiveCode: 'O4',
    outputKey: 'O4-op1',
    group: 'children-health',
    title: 'Safe & Together training for social work staff and Family & Children teams',
    description:
      "The model includes providing training to social work staff and Family & Children teams in order to build confidence in identifying a perpetrator's pattern of behaviour, to 'partner' with the survivor and to hold perpetrators to account.",
    successMeasure: 'Professionals are confident in holding abusers to account',
    lead: 'Family & Children Services',
    agreedOn: '2022-03-01',
    startsOn: '2022-04-01',
    dueOn: '2025-03-31',
    tags: ['ecological-level:institutional', 'strand:domestic-abuse', ...TWO_BOROUGHS],
    updates: [
      {
        reportedOn: '2022-12-31',
        rag: 'GREEN',
        status: 'IN_PROGRESS',
        progress: 'Safe & Together training delivered to social work staff.',
        impact: '',
      },
      {
        reportedOn: '2025-03-31',
        rag: 'GREEN',
        status: 'COMPLETE',
        progress: 'Training delivered to social work staff and Family & Children teams.',
        impact:
          "'The training has aided me in putting a framework around how I approach the cases I work with.' (a Social Worker's feedback)",
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Ten DHRs, 2015-2020: "K&C: 4, H&F: 3, WCC: 3" (001 §4.2). The documents give no details of any
// review: the pseudonyms, dates and recommendations below are made up. The recommendations' themes are
// the learning the documents describe: services working together and sharing information (004 §3:
// "Services need to work together better so that survivors don't have to keep telling their story"),
// professionals' curiosity and training ("More training is needed for police, health, social services"),
// risk after separation, coercive control ("Services follow safeguarding when they see bruises not when
// seeing coercion"), mental health and substance use, health services as the first point of contact,
// and housing.
// ---------------------------------------------------------------------------------------------

const rec = (
  ref: string,
  text: string,
  agency: string,
  dueOn: string,
  tags: string[],
  statusSteps: DemoRecommendationStatusStep[] = [],
  actionRefs: string[] = [],
  scope?: DemoRecommendation['scope'],
): DemoRecommendation => ({ ref, text, agency, dueOn, tags, statusSteps, actionRefs, scope });

const IN_PROGRESS: DemoRecommendationStatusStep[] = [{ status: 'IN_PROGRESS' }];
const assured = (evidence: string): DemoRecommendationStatusStep[] => [
  { status: 'IN_PROGRESS' },
  { status: 'IMPLEMENTED' },
  { status: 'ASSURED', evidence },
];
const implemented: DemoRecommendationStatusStep[] = [{ status: 'IN_PROGRESS' }, { status: 'IMPLEMENTED' }];

export const DEMO_REVIEWS: DemoReview[] = [
  {
    ref: 'DHR-KC-2015-01',
    area: BOROUGHS.kc,
    title: 'Domestic Homicide Review: Adult A',
    pseudonym: 'Adult A',
    commissionedOn: '2015-09-14',
    notifiedOn: '2015-08-20',
    decidedOn: '2015-09-14',
    panelStartedOn: '2015-11-02',
    submittedOn: '2016-05-23',
    qaOutcome: 'APPROVED',
    qaOn: '2016-09-15',
    publishedOn: '2016-11-01',
    confidential: false,
    recommendations: [
      rec(
        'A1',
        'All agencies to share information about domestic abuse with the MARAC when a victim discloses abuse, including where the victim does not consent but the risk is high.',
        'Metropolitan Police Service',
        '2017-03-31',
        ['theme:information-sharing', 'theme:risk-assessment'],
        assured(
          'MARAC information-sharing protocol signed by all agencies; audit of 20 cases found referrals made in all high-risk cases.',
        ),
      ),
      rec(
        'A2',
        'GP practices to receive training in asking about domestic abuse and referring to specialist services.',
        'Clinical Commissioning Group',
        '2017-09-30',
        ['theme:training', 'theme:health'],
        assured(
          'Pathfinder: 20 GP surgeries received training and 37 referrals were made between Jul 19 and Mar 20.',
        ),
        ['2020-21/PRA-1'],
      ),
    ],
  },
  {
    ref: 'DHR-KC-2016-02',
    area: BOROUGHS.kc,
    title: 'Domestic Homicide Review: Ms B',
    pseudonym: 'Ms B',
    commissionedOn: '2016-07-11',
    notifiedOn: '2016-05-16',
    // Decided almost two months after notification: the late decision the flags should show.
    decidedOn: '2016-07-11',
    panelStartedOn: '2016-09-05',
    submittedOn: '2017-06-30',
    qaOutcome: 'APPROVED',
    qaOn: '2017-11-09',
    publishedOn: '2018-01-15',
    confidential: false,
    recommendations: [
      rec(
        'B1',
        'Adult social care to include the increased risk after separation in its domestic abuse risk assessment guidance.',
        'Adult Social Care',
        '2018-06-30',
        ['theme:risk-assessment'],
        assured('Revised guidance published; briefing given to all adult social care teams.'),
      ),
      rec(
        'B2',
        'Mental health and substance use services to ask about domestic abuse routinely and record the answer.',
        'Central and North West London NHS Foundation Trust',
        '2018-12-31',
        ['theme:mental-health-and-substance-use', 'theme:training'],
        implemented,
      ),
    ],
  },
  {
    ref: 'DHR-KC-2018-03',
    area: BOROUGHS.kc,
    title: 'Domestic Homicide Review: Adult C',
    pseudonym: 'Adult C',
    commissionedOn: '2018-04-23',
    notifiedOn: '2018-03-29',
    decidedOn: '2018-04-23',
    panelStartedOn: '2018-06-18',
    submittedOn: '2019-02-28',
    qaOutcome: 'APPROVED',
    qaOn: '2019-07-11',
    publishedOn: '2019-09-02',
    confidential: false,
    recommendations: [
      rec(
        'C1',
        'Housing officers to be trained to recognise coercive control, not only physical violence, and to refer to the MARAC.',
        'Housing',
        '2020-03-31',
        ['theme:coercive-control', 'theme:training', 'theme:housing'],
        assured('Housing Group increased referrals into MARAC to 5-11% (the national rate is 2%).'),
      ),
      rec(
        'C2',
        'The partnership to develop a DHR Best Practice Protocol outlining roles and responsibilities.',
        'VAWG Strategic Partnership',
        '2020-09-30',
        ['theme:governance'],
        assured('DHR Protocol agreed by the Risk & Review Group.'),
        ['2020-21/DHR-2'],
      ),
    ],
  },
  {
    ref: 'DHR-KC-2020-04',
    area: BOROUGHS.kc,
    title: 'Domestic Homicide Review: Mr D',
    pseudonym: 'Mr D',
    commissionedOn: '2020-02-17',
    notifiedOn: '2020-01-27',
    decidedOn: '2020-02-17',
    panelStartedOn: '2020-06-01',
    submittedOn: '2021-03-15',
    qaOutcome: 'RESUBMIT',
    qaOn: '2021-07-22',
    confidential: true,
    recommendations: [
      rec(
        'D1',
        'Services to make the connections between trauma, substance use and mental ill-health when assessing risk.',
        'Central and North West London NHS Foundation Trust',
        '2022-03-31',
        ['theme:mental-health-and-substance-use', 'theme:risk-assessment'],
        IN_PROGRESS,
      ),
      rec(
        'D2',
        'Adult safeguarding referrals to consider male victims of domestic abuse.',
        'Adult Social Care',
        '2022-06-30',
        ['theme:risk-assessment', 'theme:training'],
      ),
    ],
  },
  {
    ref: 'DHR-HF-2016-01',
    area: BOROUGHS.hf,
    title: 'Domestic Homicide Review: Ms E',
    pseudonym: 'Ms E',
    commissionedOn: '2016-02-08',
    notifiedOn: '2016-01-18',
    decidedOn: '2016-02-08',
    panelStartedOn: '2016-04-11',
    submittedOn: '2016-10-31',
    qaOutcome: 'APPROVED',
    qaOn: '2017-03-02',
    publishedOn: '2017-05-08',
    confidential: false,
    recommendations: [
      rec(
        'E1',
        "Children's services to work with the non-abusive parent and hold the abusive parent to account, following the Safe & Together model.",
        "Family & Children's Services",
        '2018-03-31',
        ['theme:training', 'theme:children'],
        assured(
          'Safe & Together Model adopted by all three boroughs; training delivered to 70 multi-agency practitioners.',
        ),
        ['2020-21/CYP-1'],
      ),
      rec(
        'E2',
        'Police to record coercive and controlling behaviour at every domestic abuse incident.',
        'Metropolitan Police Service',
        '2017-12-31',
        ['theme:coercive-control'],
        implemented,
        [],
        'REGIONAL',
      ),
    ],
  },
  {
    ref: 'DHR-HF-2018-02',
    area: BOROUGHS.hf,
    title: 'Domestic Homicide Review: Adult F',
    pseudonym: 'Adult F',
    commissionedOn: '2018-08-06',
    notifiedOn: '2018-07-12',
    decidedOn: '2018-08-06',
    panelStartedOn: '2018-10-15',
    submittedOn: '2019-04-30',
    qaOutcome: 'APPROVED',
    qaOn: '2019-10-03',
    publishedOn: '2019-12-09',
    confidential: false,
    recommendations: [
      rec(
        'F1',
        'Agencies to share information so that the victim does not have to keep telling their story.',
        'VAWG Strategic Partnership',
        '2021-03-31',
        ['theme:information-sharing'],
        IN_PROGRESS,
        ['2020-21/DHR-1'],
      ),
      rec(
        'F2',
        'Hospital staff to complete Level 2 domestic abuse training.',
        'Chelsea and Westminster Hospital NHS Foundation Trust',
        '2020-03-31',
        ['theme:training', 'theme:health'],
        assured('660 workers undertook Level 2 training during 2019-20, a 23% increase from 2018-19.'),
      ),
    ],
  },
  {
    ref: 'DHR-HF-2019-03',
    area: BOROUGHS.hf,
    title: 'Domestic Homicide Review: Ms G',
    pseudonym: 'Ms G',
    commissionedOn: '2019-11-04',
    notifiedOn: '2019-10-10',
    decidedOn: '2019-11-04',
    panelStartedOn: '2020-01-13',
    submittedOn: '2020-12-18',
    qaOutcome: 'APPROVED',
    qaOn: '2021-05-20',
    publishedOn: '2021-08-02',
    confidential: false,
    recommendations: [
      rec(
        'G1',
        'Housing providers to use the Pan-London Reciprocal Scheme so survivors can move safely.',
        'Housing',
        '2022-03-31',
        ['theme:housing'],
        IN_PROGRESS,
        ['2020-21/RES-1'],
      ),
      rec(
        'G2',
        'Perpetrator intervention to be offered alongside criminal justice action.',
        'Probation Service',
        '2022-09-30',
        ['theme:perpetrators'],
        [],
        ['2020-21/PER-1'],
      ),
    ],
  },
  {
    ref: 'DHR-WCC-2015-01',
    area: BOROUGHS.wcc,
    title: 'Domestic Homicide Review: Adult H',
    pseudonym: 'Adult H',
    commissionedOn: '2015-11-16',
    notifiedOn: '2015-10-26',
    decidedOn: '2015-11-16',
    panelStartedOn: '2016-01-11',
    submittedOn: '2016-08-01',
    qaOutcome: 'APPROVED',
    qaOn: '2016-12-08',
    publishedOn: '2017-02-06',
    confidential: false,
    recommendations: [
      rec(
        'H1',
        'All agencies attending the MARAC to complete their MARAC actions within the agreed time.',
        'Standing Together (MARAC coordination)',
        '2017-06-30',
        ['theme:information-sharing', 'theme:risk-assessment'],
        implemented,
      ),
      rec(
        'H2',
        'The Home Office to publish national guidance on domestic abuse and older victims.',
        'Home Office',
        '2018-03-31',
        ['theme:risk-assessment'],
        IN_PROGRESS,
        [],
        'NATIONAL',
      ),
    ],
  },
  {
    ref: 'DHR-WCC-2017-02',
    area: BOROUGHS.wcc,
    title: 'Domestic Homicide Review: Ms J',
    pseudonym: 'Ms J',
    commissionedOn: '2017-06-12',
    notifiedOn: '2017-05-22',
    decidedOn: '2017-06-12',
    panelStartedOn: '2017-08-07',
    submittedOn: '2018-03-05',
    qaOutcome: 'APPROVED',
    qaOn: '2018-07-19',
    publishedOn: '2018-09-24',
    confidential: false,
    recommendations: [
      rec(
        'J1',
        'Professionals to be curious about abuse and ask the question, so that support is offered sooner, not at crisis.',
        'VAWG Strategic Partnership',
        '2019-03-31',
        ['theme:training'],
        assured('VAWG Training Brochure published; 7 MARAC induction briefings delivered.'),
        ['2020-21/PRA-1'],
      ),
      rec(
        'J2',
        'Faith and community groups to be supported to recognise VAWG and refer to specialist services.',
        'Community Safety Teams',
        '2020-03-31',
        ['theme:community-awareness'],
        IN_PROGRESS,
        ['2020-21/COM-1'],
      ),
    ],
  },
  {
    ref: 'DHR-WCC-2020-03',
    area: BOROUGHS.wcc,
    title: 'Domestic Homicide Review: Adult K',
    pseudonym: 'Adult K',
    commissionedOn: '2020-09-07',
    notifiedOn: '2020-08-13',
    decidedOn: '2020-09-07',
    panelStartedOn: '2020-11-30',
    confidential: true,
    recommendations: [
      rec(
        'K1',
        'Agencies to follow safeguarding procedures where they see coercion, not only when they see injuries.',
        'Adult Social Care',
        '2023-03-31',
        ['theme:coercive-control', 'theme:information-sharing'],
      ),
      rec(
        'K2',
        'A multi-agency audit of the response to victims with no recourse to public funds.',
        'VAWG Strategic Partnership',
        '2027-03-31',
        ['theme:housing'],
      ),
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Survivors' words (001 §5, 004 §§7-10), with "you said, we did" responses linked to actions.
// ---------------------------------------------------------------------------------------------

const S1 = 'three-borough' as const;
const S2 = 'bi-borough' as const;

export const DEMO_FEEDBACK: DemoFeedback[] = [
  {
    forum: 'Survivors’ forum',
    receivedOn: '2020-06-15',
    summary: '"My favourite part was being able to talk to someone who understands where I am coming from."',
    objectives: [{ strategy: S1, code: 'P2' }],
    tags: ['strand:domestic-abuse'],
    responses: [],
  },
  {
    forum: 'Survivors’ forum',
    receivedOn: '2020-06-15',
    summary: '"There should be no cut-off for support – it should be flexible."',
    objectives: [
      { strategy: S1, code: 'P1' },
      { strategy: S1, code: 'P2' },
    ],
    tags: ['strand:domestic-abuse'],
    responses: [
      {
        text: 'You said support should have no cut-off. We promoted needs led (in addition to risk led) provision; SafeLives are reporting on long term, needs led support.',
        respondedOn: '2020-09-30',
        actionRefs: ['2020-21/RES-1'],
      },
    ],
  },
  {
    forum: 'Survivors’ forum',
    receivedOn: '2020-06-15',
    summary: '"More training is needed for police, health, social services - all statutory agencies."',
    objectives: [{ strategy: S1, code: 'P4' }],
    tags: ['strand:domestic-abuse', 'theme:training'],
    responses: [
      {
        text: 'You said more training is needed. We created a VAWG Partnership Training Task and Finish group and developed a training brochure.',
        respondedOn: '2020-09-30',
        actionRefs: ['2020-21/PRA-1'],
      },
    ],
  },
  {
    forum: 'Survivors’ forum',
    receivedOn: '2020-06-15',
    summary: '"A big campaign is needed to educate about reality of abuse."',
    objectives: [{ strategy: S1, code: 'P3' }],
    tags: ['strand:domestic-abuse'],
    responses: [
      {
        text: 'You said a big campaign is needed. We are running a series of events and campaigns over 2020-21, including a campaign to raise awareness of support during COVID-19.',
        respondedOn: '2020-09-30',
        actionRefs: ['2020-21/COM-1'],
      },
    ],
  },
  // 004: what experts through experience told us when the 2021 strategy was developed.
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary: '“We need to stop victim blaming. Professionals need to be more clued up.”',
    objectives: [{ strategy: S2, code: 'O1' }],
    tags: ['theme:training'],
    responses: [],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary:
      '“I asked my doctor for support. I was given a leaflet but there needs to be more knowledge and awareness.”',
    objectives: [
      { strategy: S2, code: 'O1' },
      { strategy: S2, code: 'O3' },
    ],
    tags: ['theme:health'],
    responses: [
      {
        text: 'You said your doctor gave you a leaflet. We are continuing the Pathfinder work through a health-focused group, with domestic abuse experts in GP surgeries.',
        respondedOn: '2022-09-30',
        actionRefs: ['2022/O3-2'],
      },
    ],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary: '“You should not have to tell your story repeatedly.”',
    objectives: [{ strategy: S2, code: 'O2' }],
    tags: ['theme:information-sharing'],
    responses: [
      {
        text: 'You said you should not have to tell your story repeatedly. We are improving systems and referral pathways so that services work together.',
        respondedOn: '2022-12-31',
        actionRefs: ['2022/O3-1'],
      },
    ],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary: '“The stereotype of a ‘victim’ needs to be challenged – especially if a survivor ‘looks okay.”',
    objectives: [{ strategy: S2, code: 'O2' }],
    tags: ['strand:domestic-abuse'],
    responses: [],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary:
      '“They should be asking about and making the connections between trauma, substance use and mental ill-health.”',
    objectives: [{ strategy: S2, code: 'O2' }],
    tags: ['theme:mental-health-and-substance-use'],
    responses: [
      {
        text: 'You said professionals should make the connections between trauma, substance use and mental ill-health. We are delivering focused work with survivors who experience multiple disadvantage.',
        respondedOn: '2023-03-31',
        actionRefs: ['2022/O2-1'],
      },
    ],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary: '“Information should be easily accessible. Information in one place.”',
    objectives: [{ strategy: S2, code: 'O3' }],
    tags: ['theme:information-sharing'],
    responses: [],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary: '“Services follow safeguarding when they see bruises not when seeing coercion.”',
    objectives: [{ strategy: S2, code: 'O3' }],
    tags: ['theme:coercive-control'],
    responses: [],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary:
      '“Sometimes people don’t look like us and don’t speak our language and don’t understand our needs. We don’t want to feel judged; we want to be helped.”',
    objectives: [
      { strategy: S2, code: 'O3' },
      { strategy: S2, code: 'O2' },
    ],
    tags: ['strand:domestic-abuse'],
    responses: [
      {
        text: 'You said services do not always understand your needs. We are delivering focused work with survivors from minoritised backgrounds.',
        respondedOn: '2023-03-31',
        actionRefs: ['2022/O2-1'],
      },
    ],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary: '“They (professionals) need to be more clued up – something like Safe & Together.”',
    objectives: [{ strategy: S2, code: 'O4' }],
    tags: ['theme:training'],
    responses: [
      {
        text: 'You said professionals need something like Safe & Together. We delivered Safe & Together training to social work staff and Family & Children teams.',
        respondedOn: '2025-03-31',
        actionRefs: ['2022/O4-2'],
      },
    ],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary:
      '“Justice needs to be served, so that those are being abused are actually getting justice. A lot of people get away with it – what kind of messages does this send victims and survivors?”',
    objectives: [{ strategy: S2, code: 'O4' }],
    tags: ['strand:domestic-abuse'],
    responses: [],
  },
  {
    forum: 'Experts through experience consultation',
    receivedOn: '2021-06-10',
    summary: '“Stop blaming those who experience abuse”',
    objectives: [{ strategy: S2, code: 'O4' }],
    tags: ['strand:domestic-abuse'],
    responses: [],
  },
  {
    forum: 'Survivors’ forum',
    receivedOn: '2022-10-12',
    // 004 §8: a survivor's words to her advocate, quoted in the Al-Hasaniya spotlight.
    summary:
      '“Thank you so much for listening to me and helping me. Now I feel better and emotionally better…I don’t feel so alone in this country with your presence…thank you again.”',
    objectives: [{ strategy: S2, code: 'O2' }],
    tags: ['strand:domestic-abuse'],
    responses: [
      {
        text: 'You told us that being listened to made you feel less alone. We set up Survivor Forums in each borough so survivors can talk to other survivors and “give back.”',
        respondedOn: '2023-03-31',
        actionRefs: ['2022/O2-2'],
      },
    ],
  },
];

/** The sign-ins printed at start-up (outside production). */
export function demoLogins(): Array<{ role: string; email: string; password: string }> {
  return DEMO_USERS.filter((x) => x.login).map((x) => ({
    role: x.login!,
    email: x.email,
    password: DEMO_PASSWORD,
  }));
}
