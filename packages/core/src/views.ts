import type {
  AttemptOutcome,
  AttemptRecord,
  CompetencyStatus,
  FormItem,
  LocalizedText,
  NextStep,
  RuleViolationCode,
  TestKind,
} from './model';

/*
 * The JSON shapes of the SMART assessment API (`/smart/v1`), as
 * docs/ARCHITECTURE.md defines them. The LRS builds them and the browser
 * reads them, so they are declared once, here. Instants are ISO 8601 strings.
 */

/** A form as served to the learner: no keys, a server-side deadline. */
export interface FormView {
  formId: string;
  testId: string;
  kind: TestKind;
  title: LocalizedText;
  attempt: number;
  passMark: number;
  timeLimitSeconds: number;
  startedAt: string;
  expiresAt: string;
  items: FormItem[];
}

/** What the LRS decided about a learner after a test, or about the course. */
export type Decision =
  | 'passed'
  | 'failed'
  | 'waived'
  | 'enrolled'
  | 'competent'
  | 'not_yet_competent';

/** The scored answer to a submission, with the learner's new standing. */
export interface ResultView {
  formId: string;
  testId: string;
  kind: TestKind;
  attempt: number;
  score: number;
  passMark: number;
  outcome: AttemptOutcome;
  correct: number;
  total: number;
  decision: Decision;
  status: StatusView;
}

/** One test of the course as it stands for one learner. */
export interface TestStatusView {
  testId: string;
  kind: TestKind;
  title: LocalizedText;
  passMark: number;
  attempts: number;
  passed: boolean;
  /** Best score so far on 0–100; null before the first attempt. */
  bestScore: number | null;
  /** Whether the learner may start the test now. */
  available: boolean;
  /** Why the test cannot be started now, when `available` is false: the rule and what to do. */
  reason?: { code: RuleViolationCode; message: LocalizedText };
}

/** The learner's certificate, once the course is passed. */
export interface CertificateView {
  number: string;
  issuedAt: string;
  basis: 'placement' | 'final';
}

/** Where one learner stands in one course. */
export interface StatusView {
  courseId: string;
  nip: string;
  name: string;
  status: CompetencyStatus;
  jpCredited: number;
  next: NextStep | null;
  attempts: AttemptRecord[];
  tests: TestStatusView[];
  certificate: CertificateView | null;
}

/** A learner as the registry knows them. */
export interface RegisteredLearner {
  nip: string;
  name: string;
  unit: string;
}

/** The answer to `POST /smart/v1/sessions`: the learner's own credential and status. */
export interface SessionView {
  sessionId: string;
  /** The learner's enrolment in the course: the xAPI registration of all their statements. */
  registration: string;
  key: string;
  secret: string;
  learner: RegisteredLearner;
  status: StatusView;
}

/** Per-material counts of an offering. */
export interface MaterialSummary {
  materialId: string;
  title: LocalizedText;
  /** Learners who passed the material's test. */
  passed: number;
  /** Attempts at the material's test, all learners. */
  attempts: number;
  /** Attempts numbered 2 and up. */
  remedialRetakes: number;
}

/** An offering (course) at a glance for evaluators, computed from the projections. */
export interface OfferingSummary {
  courseId: string;
  enrolled: number;
  placementTaken: number;
  waivedByPlacement: number;
  inTraining: number;
  competent: number;
  notYetCompetent: number;
  /** Retakes (attempt 2 and up) of material and final tests. */
  remedialRetakes: number;
  materials: MaterialSummary[];
}

/** One learner of an offering, as the learners list shows it. */
export interface LearnerRow {
  nip: string;
  name: string;
  unit: string;
  status: CompetencyStatus;
  jpCredited: number;
  /** The learner's scored attempts over all tests, in the order scored. */
  attempts: AttemptRecord[];
  /** Instant of the last scored attempt, or of the enrolment before any. */
  lastActivityAt: string;
}

/** A published course as `GET /smart/v1/courses` lists it. */
export interface CourseListing {
  id: string;
  version: string;
  title: LocalizedText;
  jp: number;
  /** Items in the course's bank. */
  items: number;
}
