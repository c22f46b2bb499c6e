/**
 * The SMART Training domain model: a course, its tests, its item bank and
 * the shapes the assessment engine passes around. Plain data, no behaviour,
 * so every part (browser unit, LRS, authoring) can share it.
 */

/** A text in the two languages the product speaks. Indonesian is required. */
export interface LocalizedText {
  id: string;
  en?: string;
}

export type Language = 'id' | 'en';

/** Difficulty band an author assigns to an item. */
export type Difficulty = 'easy' | 'medium' | 'hard';
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

export type ItemType = 'single' | 'multiple' | 'truefalse';
export const ITEM_TYPES: readonly ItemType[] = ['single', 'multiple', 'truefalse'];

export interface ItemOption {
  /** Stable within the item, e.g. "a". Never shown to the learner. */
  id: string;
  text: LocalizedText;
  correct: boolean;
}

/**
 * One question of the bank, with its key. Items with keys live only on the
 * server; the browser gets {@link FormItem}s.
 */
export interface Item {
  id: string;
  type: ItemType;
  /** Material id the item tests; placement and final draw across materials. */
  material: string;
  competency: string;
  difficulty: Difficulty;
  stem: LocalizedText;
  /** For truefalse the options are generated: "true" and "false". */
  options: ItemOption[];
  /** Shown after the result, never before. */
  explanation?: LocalizedText;
}

/** The three kinds of test the SMART model knows. */
export type TestKind = 'placement' | 'material' | 'final';

/**
 * One cell of a blueprint: draw `count` items matching every given filter.
 * Omitted filters match anything.
 */
export interface BlueprintCell {
  count: number;
  material?: string;
  competency?: string;
  difficulty?: Difficulty;
}

export interface TestSpec {
  /** "placement", "final", or the material's test id "material:<materialId>". */
  id: string;
  kind: TestKind;
  title: LocalizedText;
  /** Percent on 0–100 needed to pass; a score equal to it passes. */
  passMark: number;
  /** Server-enforced time limit for one attempt. */
  timeLimitMinutes: number;
  /** null means unlimited attempts (remedial until passed). */
  maxAttempts: number | null;
  blueprint: BlueprintCell[];
}

export interface MediaRef {
  kind: 'video' | 'module' | 'slides' | 'reference';
  title: LocalizedText;
  /** URL or a path inside the package. */
  href: string;
  /** Length for videos, reading time for the rest. */
  minutes?: number;
}

export interface Material {
  id: string;
  title: LocalizedText;
  /** Body text rendered to HTML at pack time. */
  html: LocalizedText;
  media: MediaRef[];
  test: TestSpec;
}

export interface OfferingWindow {
  /** ISO 8601 instants with an offset, e.g. 2026-12-01T00:00:00+07:00. */
  opens: string;
  closes: string;
  /** IANA zone the window is announced in, e.g. Asia/Jakarta (WIB). */
  timeZone: string;
}

export interface Course {
  id: string;
  version: string;
  title: LocalizedText;
  description: LocalizedText;
  /** Lesson hours credited to a competent (or placement-waived) learner. */
  jp: number;
  offering: OfferingWindow;
  placement: TestSpec;
  materials: Material[];
  final: TestSpec;
  bank: Item[];
}

/** A course as it travels into a package: everything but the bank. */
export type CourseOutline = Omit<Course, 'bank'>;

/* ------------------------------------------------------------------ */
/* What the learner sees                                               */
/* ------------------------------------------------------------------ */

export interface FormOption {
  id: string;
  text: LocalizedText;
}

/** An item as served in a form: shuffled options, no key, no explanation. */
export interface FormItem {
  id: string;
  type: ItemType;
  stem: LocalizedText;
  options: FormOption[];
}

/** Answers by item id: the chosen option ids (one for single/truefalse). */
export type Answers = Record<string, string[]>;

/* ------------------------------------------------------------------ */
/* Progress and decisions                                              */
/* ------------------------------------------------------------------ */

export type AttemptOutcome = 'passed' | 'failed';

/** One scored attempt at one test. */
export interface AttemptRecord {
  testId: string;
  kind: TestKind;
  /** 1-based attempt number within this test. */
  attempt: number;
  /** Percent 0–100, two decimals. */
  score: number;
  outcome: AttemptOutcome;
  /** ISO instant the server scored it. */
  at: string;
}

/** Where a learner stands in a course. */
export type CompetencyStatus =
  | 'not_started'
  | 'in_training'
  | 'waived'
  | 'competent'
  | 'not_yet_competent';

/**
 * What the learner should do next, as the unit shows it after a result.
 * `testId` names the test to take when the step is a test.
 */
export type NextStep =
  | { kind: 'placement'; testId: 'placement' }
  | { kind: 'material'; testId: string; materialId: string }
  | { kind: 'remedial'; testId: string; materialId: string | null }
  | { kind: 'final'; testId: 'final' }
  | { kind: 'certificate' };

/* ------------------------------------------------------------------ */
/* Contracts of the rule, scoring and assembly functions               */
/* ------------------------------------------------------------------ */

export type RuleViolationCode =
  | 'unknown_test'
  | 'placement_already_taken'
  | 'placement_after_training'
  | 'already_certified'
  | 'already_passed'
  | 'materials_not_passed'
  | 'attempts_exhausted'
  | 'offering_not_open'
  | 'offering_closed';

/** Why a learner may not start a test now; `message` says what to do instead. */
export interface RuleViolation {
  code: RuleViolationCode;
  testId: string;
  message: LocalizedText;
}

export interface ScoredItem {
  itemId: string;
  chosen: string[];
  correct: boolean;
}

export interface FormScore {
  /** Percent on 0–100, rounded to two decimals. */
  score: number;
  correct: number;
  total: number;
  perItem: ScoredItem[];
}

export interface AssemblyRequest {
  bank: readonly Item[];
  test: TestSpec;
  /** Any string; the same seed and inputs give the same form. */
  seed: string;
  /** Items this learner already got on earlier attempts at this test. */
  seenByLearner: ReadonlySet<string>;
  /** How many forms (all learners) each item has appeared on so far. */
  exposure: ReadonlyMap<string, number>;
}

export interface AssembledForm {
  /** Item ids in the order shown. */
  itemIds: string[];
  /** What the learner gets: shuffled items and options, no keys. */
  items: FormItem[];
  /** How many items had to be reused from the learner's earlier attempts. */
  repeatedForLearner: number;
}

/** Authoring-time check: how far the bank carries a test. */
export interface CapacityReport {
  testId: string;
  /** Items the blueprint asks for per attempt. */
  formSize: number;
  /** Attempts a learner can take before an item must repeat. */
  attemptsWithoutRepeat: number;
  /** Blueprint cells the bank cannot fill even once, with what is missing. */
  shortfalls: { cell: BlueprintCell; available: number }[];
}

export interface NipParts {
  birthDate: string; // YYYY-MM-DD
  appointment: string; // YYYY-MM (TMT CPNS)
  gender: 'male' | 'female';
  serial: string;
}
