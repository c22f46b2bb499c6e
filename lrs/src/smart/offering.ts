import {
  competencyStatus,
  jpCredited,
  type AttemptRecord,
  type Course,
  type LearnerRow,
  type MaterialSummary,
  type OfferingSummary,
} from '@smart-training/core';
import type { EnrolledLearner, LearnerAttempt, Store } from '../store/types';
import { requireCourse } from './courses';

/** Each enrolled learner with their attempts, read from the projections. */
async function learnersWithAttempts(
  store: Store,
  courseId: string,
): Promise<{ course: Course; learners: { learner: EnrolledLearner; attempts: AttemptRecord[] }[] }> {
  const course = await requireCourse(store, courseId);
  const enrolled = await store.listEnrolledLearners(courseId);
  const byNip = groupByNip(await store.listCourseAttempts(courseId));
  return {
    course,
    learners: enrolled.map((learner) => ({
      learner,
      attempts: byNip.get(learner.enrolment.nip) ?? [],
    })),
  };
}

/**
 * The offering at a glance: how many enrolled, took the placement test, were
 * waived, are in training, competent or not yet; remedial retakes overall and
 * per material.
 *
 * @example
 * const summary = await offeringSummary(store, 'berakhlak-2026');
 * summary.waivedByPlacement; // learners certified by the placement test
 */
export async function offeringSummary(store: Store, courseId: string): Promise<OfferingSummary> {
  const { course, learners } = await learnersWithAttempts(store, courseId);
  const statuses = learners.map(({ attempts }) => competencyStatus(course, attempts));
  const count = (status: string) => statuses.filter((each) => each === status).length;
  const allAttempts = learners.flatMap(({ attempts }) => attempts);
  const retakes = (attempts: AttemptRecord[]) => attempts.filter((attempt) => attempt.attempt > 1).length;

  const materials: MaterialSummary[] = course.materials.map((material) => {
    const atTest = allAttempts.filter((attempt) => attempt.testId === material.test.id);
    return {
      materialId: material.id,
      title: material.title,
      passed: learners.filter(({ attempts }) =>
        attempts.some((attempt) => attempt.testId === material.test.id && attempt.outcome === 'passed'),
      ).length,
      attempts: atTest.length,
      remedialRetakes: retakes(atTest),
    };
  });

  return {
    courseId: course.id,
    enrolled: learners.length,
    placementTaken: learners.filter(({ attempts }) =>
      attempts.some((attempt) => attempt.kind === 'placement'),
    ).length,
    waivedByPlacement: count('waived'),
    inTraining: count('in_training'),
    competent: count('competent'),
    notYetCompetent: count('not_yet_competent'),
    remedialRetakes: retakes(allAttempts.filter((attempt) => attempt.kind !== 'placement')),
    materials,
  };
}

/** Every enrolled learner with their status, JP and attempts, oldest enrolment first. */
export async function offeringLearners(store: Store, courseId: string): Promise<LearnerRow[]> {
  const { course, learners } = await learnersWithAttempts(store, courseId);
  return learners.map(({ learner, attempts }) => ({
    nip: learner.enrolment.nip,
    name: learner.employee?.name ?? '',
    unit: learner.employee?.unit ?? '',
    status: competencyStatus(course, attempts),
    jpCredited: jpCredited(course, attempts),
    attempts,
    lastActivityAt: attempts.at(-1)?.at ?? learner.enrolment.createdAt,
  }));
}

function groupByNip(attempts: LearnerAttempt[]): Map<string, AttemptRecord[]> {
  const byNip = new Map<string, AttemptRecord[]>();
  for (const { nip, ...attempt } of attempts) {
    const list = byNip.get(nip) ?? [];
    list.push(attempt);
    byNip.set(nip, list);
  }
  return byNip;
}
