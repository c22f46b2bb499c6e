import type {
  AttemptOutcome,
  AttemptRecord,
  CompetencyStatus,
  FormItem,
  LocalizedText,
  NextStep,
  RuleViolationCode,
  TestKind,
} from '@smart-training/core';

/*
 * The shapes the SMART assessment API answers with (docs/ARCHITECTURE.md,
 * "SMART assessment API"). The browser client imports these types.
 */

/** A test form as served to the learner: no keys, a server deadline. */
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

/** What the learner's decision after a scored attempt is. */
export type Decision = 'passed' | 'failed' | 'waived' | 'enrolled' | 'competent' | 'not_yet_competent';

/** The answer to a submitted form: the score, the decision, and where the learner now stands. */
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

/** One test as the learner's status shows it. */
export interface TestStatus {
  testId: string;
  kind: TestKind;
  title: LocalizedText;
  passMark: number;
  attempts: number;
  passed: boolean;
  bestScore: number | null;
  /** Whether the learner may start the test now. */
  available: boolean;
  /** Why not, when not available: the rule's code and the bilingual message saying what to do. */
  reason?: { code: RuleViolationCode; message: LocalizedText };
}

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
  tests: TestStatus[];
  certificate: CertificateView | null;
}

/** The answer to opening a session: the learner's own credential and status. */
export interface SessionView {
  sessionId: string;
  /** The learner's enrolment in the course: the xAPI registration of all their statements. */
  registration: string;
  key: string;
  secret: string;
  learner: { nip: string; name: string; unit: string };
  status: StatusView;
}

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

/** An offering at a glance, computed from the projections. */
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

/** One row of an offering's learner list. */
export interface LearnerRow {
  nip: string;
  name: string;
  unit: string;
  status: CompetencyStatus;
  jpCredited: number;
  /** The learner's attempts in the order scored. */
  attempts: AttemptRecord[];
  /** The latest scored attempt, or the enrolment when nothing is scored yet. */
  lastActivityAt: string;
}

/** One published course in the course list. */
export interface CourseSummary {
  id: string;
  version: string;
  title: LocalizedText;
  jp: number;
  /** Items in the bank. */
  items: number;
}
