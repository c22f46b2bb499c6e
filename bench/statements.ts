import { randomUUID } from 'node:crypto';

/*
 * The benchmark's workload: statements shaped like a SMART course's (learners
 * identified by account, items inside courses, results on answers), spread
 * over enough learners, courses and verbs that each query below selects a
 * realistic share of the store.
 */

export const LEARNERS = 2_000;
/** Each learner takes one course; a course's statements are 1/COURSES of the store. */
export const COURSES = 50;
const ITEMS_PER_COURSE = 40;
const HOME_PAGE = 'https://sso.example.go.id';

export const VERBS = [
  'answered',
  'attempted',
  'experienced',
  'completed',
  'passed',
  'failed',
  'initialized',
  'terminated',
].map((name) => `http://adlnet.gov/expapi/verbs/${name}`);

/** The agent of a learner as a client would name it in a query (`agent=`). */
export function learnerAgent(learner: number): Record<string, unknown> {
  return { objectType: 'Agent', account: { homePage: HOME_PAGE, name: nipOf(learner) } };
}

export function courseActivityId(course: number): string {
  return `https://smart-training.example.id/courses/course-${course}`;
}

function nipOf(learner: number): string {
  return `1985${String(learner).padStart(14, '0')}`;
}

/** A fixed registration per learner: the learner's enrolment in their course. */
function registrationOf(learner: number): string {
  return `00000000-0000-4000-8000-${String(learner).padStart(12, '0')}`;
}

/**
 * Hands out statement number 0, 1, 2, ... The learner of statement `n` steps
 * through all LEARNERS by a stride coprime to it, so that consecutive
 * statements (one batch) come from many learners, as they do from an LMS.
 */
export class StatementSource {
  private next = 0;
  private readonly firstIds = new Map<number, string>();

  /** How many statements have been handed out. */
  get count(): number {
    return this.next;
  }

  batch(size: number): Record<string, unknown>[] {
    return Array.from({ length: size }, () => this.statement());
  }

  /** The id of the first statement handed out for this learner, if any. */
  firstIdOf(learner: number): string | undefined {
    return this.firstIds.get(learner);
  }

  private statement(): Record<string, unknown> {
    const n = this.next;
    this.next += 1;
    const learner = (n * 7919) % LEARNERS;
    const course = learner % COURSES;
    // Verb and item come from a hash of n: taken from n itself they would
    // repeat in step with the learner stride and tie each learner to one verb.
    const hash = mix(n);
    const item = (hash >>> 8) % ITEMS_PER_COURSE;
    const verb = VERBS[hash % VERBS.length] as string;
    const answered = verb.endsWith('answered') || verb.endsWith('passed') || verb.endsWith('failed');
    const courseId = courseActivityId(course);
    const id = randomUUID();
    if (!this.firstIds.has(learner)) this.firstIds.set(learner, id);
    return {
      id,
      actor: { ...learnerAgent(learner), name: `Peserta ${learner}` },
      verb: { id: verb, display: { 'en-US': verb.slice(verb.lastIndexOf('/') + 1) } },
      object: {
        objectType: 'Activity',
        id: `${courseId}/items/item-${item}`,
        definition: {
          name: { 'id-ID': `Butir ${item}`, 'en-US': `Item ${item}` },
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        },
      },
      ...(answered
        ? {
            result: {
              success: n % 3 !== 0,
              score: { scaled: (n % 101) / 100 },
              duration: `PT${(n % 90) + 5}S`,
            },
          }
        : {}),
      context: {
        registration: registrationOf(learner),
        contextActivities: {
          parent: [{ id: courseId, objectType: 'Activity' }],
          grouping: [{ id: 'https://smart-training.example.id/programs/latsar-2026', objectType: 'Activity' }],
        },
        platform: 'SMART Training Kit',
        language: 'id-ID',
      },
      timestamp: new Date().toISOString(),
    };
  }
}

/** murmur3's 32-bit finaliser: spreads consecutive integers over all bits. */
function mix(n: number): number {
  let x = Math.imul(n ^ (n >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
