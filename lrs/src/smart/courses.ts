import {
  assembleForm,
  FINAL_DEFAULT_PASS_MARK,
  materialTestId,
  MATERIAL_PASS_MARK,
  PLACEMENT_PASS_MARK,
  testsOf,
  type Course,
  type CourseListing,
  type CourseOutline,
} from '@smart-training/core';
import semver from 'semver';
import { canonicalJson } from '../canonical-json';
import type { Clock } from '../clock';
import {
  CourseVersionExistsError,
  CourseVersionOlderError,
  UnknownCourseError,
  UnprocessableError,
} from '../errors';
import type { Store } from '../store/types';
import { COURSE_BODY, courseSchema } from './course-schema';
import { parseBody } from './request-body';

/**
 * Publishes a course (bank included), replacing an earlier version. Learners'
 * attempts, forms and certificates are kept apart from the course, so an
 * update never loses them; a running form keeps the items it was served with.
 * Publishing the same version with the same content again changes nothing;
 * with other content, or an older version, it is refused.
 */
export async function publishCourse(
  store: Store,
  clock: Clock,
  courseId: string,
  body: unknown,
): Promise<{ id: string; version: string; items: number }> {
  const course = parseBody(courseSchema, body, COURSE_BODY);
  if (course.id !== courseId) {
    throw unprocessable(
      'course_id_mismatch',
      `The course JSON has id "${course.id}" but the URL names "${courseId}". PUT the course to /smart/v1/courses/${course.id}.`,
      `JSON pelatihan ber-id "${course.id}" tetapi URL menyebut "${courseId}". Kirim ke /smart/v1/courses/${course.id}.`,
    );
  }
  checkTests(course);
  checkBank(course);
  checkBankFillsBlueprints(course);
  const published = await store.getCourse(course.id);
  if (!published || !sameCourse(published, course)) {
    if (published) checkVersionMovesForward(published, course);
    await store.putCourse(course, clock.now().toISOString());
  }
  return { id: course.id, version: course.version, items: course.bank.length };
}

function sameCourse(a: Course, b: Course): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Forms and attempts refer to a course version, so a version once published
 * keeps its content and publishing never goes back to an older one.
 */
function checkVersionMovesForward(published: Course, course: Course): void {
  // A version stored before versions had to be semantic cannot be ordered; any valid one follows it.
  if (semver.valid(published.version) === null) return;
  const order = semver.compare(course.version, published.version);
  if (order === 0) throw new CourseVersionExistsError(course.id, course.version);
  if (order < 0) throw new CourseVersionOlderError(course.id, course.version, published.version);
}

export async function listCourses(store: Store): Promise<CourseListing[]> {
  return store.listCourses();
}

/** The course without its bank, as packages carry it. */
export async function courseOutline(store: Store, courseId: string): Promise<CourseOutline> {
  const { bank: _bank, ...outline } = await requireCourse(store, courseId);
  return outline;
}

export async function requireCourse(store: Store, courseId: string): Promise<Course> {
  const course = await store.getCourse(courseId);
  if (!course) throw new UnknownCourseError(courseId);
  return course;
}

/** Test ids, kinds and the pass marks the SMART model fixes. */
function checkTests(course: Course): void {
  if (Date.parse(course.offering.opens) >= Date.parse(course.offering.closes)) {
    throw unprocessable(
      'invalid_offering',
      'The offering closes before it opens. Set offering.closes after offering.opens.',
      'Masa pelatihan berakhir sebelum dibuka. Atur offering.closes setelah offering.opens.',
    );
  }
  const expected = [
    { test: course.placement, id: 'placement', kind: 'placement', passMark: PLACEMENT_PASS_MARK },
    ...course.materials.map((material) => ({
      test: material.test,
      id: materialTestId(material.id),
      kind: 'material',
      passMark: MATERIAL_PASS_MARK,
    })),
    { test: course.final, id: 'final', kind: 'final', passMark: undefined },
  ];
  for (const { test, id, kind, passMark } of expected) {
    if (test.id !== id || test.kind !== kind) {
      throw unprocessable(
        'invalid_test',
        `Test "${test.id}" (${test.kind}) should have id "${id}" and kind "${kind}". Fix the test's id and kind.`,
        `Tes "${test.id}" (${test.kind}) seharusnya ber-id "${id}" dan berjenis "${kind}". Perbaiki id dan jenis tes.`,
      );
    }
    if (passMark !== undefined && test.passMark !== passMark) {
      throw unprocessable(
        'invalid_pass_mark',
        `The SMART model fixes the pass mark of ${kind} tests at ${passMark}, but "${id}" sets ${test.passMark}. Use ${passMark}.`,
        `Model SMART menetapkan nilai lulus tes ${kind} sebesar ${passMark}, tetapi "${id}" memakai ${test.passMark}. Gunakan ${passMark}.`,
      );
    }
  }
  if (course.final.passMark <= 0) {
    throw unprocessable(
      'invalid_pass_mark',
      `The final test needs a pass mark above 0 (default ${FINAL_DEFAULT_PASS_MARK}).`,
      `Tes akhir memerlukan nilai lulus di atas 0 (bawaan ${FINAL_DEFAULT_PASS_MARK}).`,
    );
  }
}

/** Unique ids, known materials, and keys that fit each item type. */
function checkBank(course: Course): void {
  const materials = new Set(course.materials.map((material) => material.id));
  const seen = new Set<string>();
  for (const item of course.bank) {
    const fail = (en: string, id: string) =>
      unprocessable('invalid_item', `Item "${item.id}": ${en}.`, `Soal "${item.id}": ${id}.`);
    if (seen.has(item.id)) throw fail('the id is used twice; give every item its own id', 'id dipakai dua kali; beri setiap soal id sendiri');
    seen.add(item.id);
    if (!materials.has(item.material)) {
      throw fail(`material "${item.material}" is not in the course`, `materi "${item.material}" tidak ada dalam pelatihan`);
    }
    const optionIds = new Set(item.options.map((option) => option.id));
    if (optionIds.size !== item.options.length) throw fail('two options share an id', 'dua pilihan memakai id yang sama');
    const correct = item.options.filter((option) => option.correct).length;
    if (item.type === 'multiple' && correct < 1) throw fail('mark at least one option correct', 'tandai paling sedikit satu pilihan benar');
    if (item.type !== 'multiple' && correct !== 1) throw fail('mark exactly one option correct', 'tandai tepat satu pilihan benar');
    if (item.type === 'truefalse' && (!optionIds.has('true') || !optionIds.has('false') || optionIds.size !== 2)) {
      throw fail('a true/false item has exactly the options "true" and "false"', 'soal benar/salah memiliki tepat pilihan "true" dan "false"');
    }
  }
}

/** Refuses a course whose bank cannot fill a first attempt of every test. */
function checkBankFillsBlueprints(course: Course): void {
  for (const test of testsOf(course)) {
    assembleForm({
      bank: course.bank,
      test,
      seed: `capacity:${course.id}:${test.id}`,
      seenByLearner: new Set(),
      exposure: new Map(),
    });
  }
}

function unprocessable(code: string, message: string, messageId: string): UnprocessableError {
  return new UnprocessableError(code, message, messageId);
}
