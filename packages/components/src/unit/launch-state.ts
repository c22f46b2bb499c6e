import type { CourseOutline, Language, Material, TestSpec } from '@smart-training/core';

/**
 * The query parameter naming the one test a cmi5 AU launch is about
 * (`index.html?smart-au=material%3Aetika`); without it the unit plays the
 * whole course.
 */
export const AU_PARAMETER = 'smart-au';

/** The LMS launched the unit for a test the course does not have (a package from another course version). */
export class UnknownAuError extends Error {
  constructor(readonly testId: string) {
    super(`the launch URL names test "${testId}" (${AU_PARAMETER}), which this course does not have`);
    this.name = 'UnknownAuError';
  }
}

/** The test a unit launched for one AU focuses on, with the material it belongs to. */
export type AuFocus =
  | { testId: string; kind: 'placement' | 'final'; test: TestSpec }
  | { testId: string; kind: 'material'; test: TestSpec; material: Material };

/**
 * The AU's test in the outline, or undefined when the outline has no test
 * of that id (a package built from another version of the course).
 *
 * @example
 * const focus = auFocusOf(outline, new URLSearchParams(location.search).get(AU_PARAMETER) ?? '');
 */
export function auFocusOf(outline: CourseOutline, testId: string): AuFocus | undefined {
  if (testId === outline.placement.id) return { testId, kind: 'placement', test: outline.placement };
  if (testId === outline.final.id) return { testId, kind: 'final', test: outline.final };
  const material = outline.materials.find((candidate) => candidate.test.id === testId);
  return material === undefined ? undefined : { testId, kind: 'material', test: material.test, material };
}

/**
 * Where the learner was in the unit: the whole course's outline or
 * certificate, a material, a test, or (in an AU launch for the placement or
 * final test) the AU's own page.
 */
export type ResumeStep =
  | { view: 'outline' }
  | { view: 'certificate' }
  | { view: 'au' }
  | { view: 'material'; id: string }
  | { view: 'test'; id: string };

/**
 * What the unit saves through the host's `saveProgress` so a relaunch
 * resumes: the step, how far down the material the learner scrolled, and
 * the language they chose in the unit. A few dozen characters, far inside
 * SCORM 1.2's 4,096.
 */
export interface ResumeState {
  step: ResumeStep;
  /** Fraction of the material's page scrolled, 0–1, two decimals. */
  scroll?: number;
  /** The language the learner chose in the top bar during this attempt. */
  lang?: Language;
}

/** The format mark of a saved state; a state of another format is ignored. */
const FORMAT = 1;

/**
 * The saved form of `state`, e.g. `{"v":1,"view":"material","id":"etika","scroll":0.4}`.
 *
 * @example
 * host.saveProgress(encodeResumeState({ step: { view: 'outline' } }));
 */
export function encodeResumeState(state: ResumeState): string {
  return JSON.stringify({
    v: FORMAT,
    ...state.step,
    ...(state.scroll === undefined ? {} : { scroll: state.scroll }),
    ...(state.lang === undefined ? {} : { lang: state.lang }),
  });
}

/** A saved state read back, or why it cannot be used. */
export type ReadResumeState = { ok: true; state: ResumeState } | { ok: false; problem: string };

/**
 * Reads a state saved by {@link encodeResumeState} for this outline and
 * launch. A state that is not one (another program's suspend_data, an old
 * format, a material the course no longer has, a step outside the AU that
 * was launched) is refused with the reason, so the unit can warn and start
 * afresh.
 *
 * @example
 * const read = readResumeState(host.loadProgress() ?? '', outline, null);
 * if (!read.ok) console.warn(read.problem);
 */
export function readResumeState(saved: string, outline: CourseOutline, focus: AuFocus | null): ReadResumeState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(saved);
  } catch {
    return { ok: false, problem: 'it is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { v?: unknown }).v !== FORMAT) {
    return { ok: false, problem: `it is not an object with the format mark "v":${FORMAT}` };
  }
  const record = parsed as Record<string, unknown>;
  const step = readStep(record, outline);
  if (typeof step === 'string') return { ok: false, problem: step };
  const outside = outsideFocus(step, focus);
  if (outside !== null) return { ok: false, problem: outside };

  const { scroll, lang } = record;
  if (scroll !== undefined && !(typeof scroll === 'number' && scroll >= 0 && scroll <= 1)) {
    return { ok: false, problem: `its scroll position ${JSON.stringify(scroll)} is not a number from 0 to 1` };
  }
  if (lang !== undefined && lang !== 'id' && lang !== 'en') {
    return { ok: false, problem: `its language ${JSON.stringify(lang)} is neither "id" nor "en"` };
  }
  return {
    ok: true,
    state: { step, ...(scroll === undefined ? {} : { scroll }), ...(lang === undefined ? {} : { lang }) },
  };
}

/** The step of a saved record, or what is wrong with it. */
function readStep(record: Record<string, unknown>, outline: CourseOutline): ResumeStep | string {
  const { view, id } = record;
  switch (view) {
    case 'outline':
    case 'certificate':
    case 'au':
      return { view };
    case 'material':
      return typeof id === 'string' && outline.materials.some((material) => material.id === id)
        ? { view, id }
        : `it names material ${JSON.stringify(id)}, which this course does not have`;
    case 'test':
      return typeof id === 'string' && auFocusOf(outline, id) !== undefined
        ? { view, id }
        : `it names test ${JSON.stringify(id)}, which this course does not have`;
    default:
      return `its view ${JSON.stringify(view)} is none of outline, certificate, au, material, test`;
  }
}

/** Why a step does not belong to the launch: the whole course, or one AU. Null when it does. */
function outsideFocus(step: ResumeStep, focus: AuFocus | null): string | null {
  if (focus === null) {
    return step.view === 'au' ? 'it is the page of one AU, but the unit was launched for the whole course' : null;
  }
  const fits =
    step.view === 'test'
      ? step.id === focus.testId
      : step.view === 'material'
        ? focus.kind === 'material' && step.id === focus.material.id
        : step.view === 'au' && focus.kind !== 'material';
  return fits ? null : `its step ${JSON.stringify(step)} is outside the AU launched for test "${focus.testId}"`;
}
