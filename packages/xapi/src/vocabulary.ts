/**
 * The SMART Training xAPI profile: the verbs, activity types and extensions
 * every statement of the product uses. ADL and cmi5 vocabulary is reused
 * first; only what has no existing term gets an IRI under {@link PROFILE_IRI}.
 */

/** Base IRI of the project's own profile terms. */
export const PROFILE_IRI = 'https://smart-training.id/xapi';

/** Account home page for learners identified by NIP (the national civil-service system). */
export const NIP_HOME_PAGE = 'https://siasn.bkn.go.id';

interface VerbTerm {
  id: string;
  display: { 'id-ID': string; 'en-US': string };
}

function verb(id: string, idText: string, enText: string): VerbTerm {
  return { id, display: { 'id-ID': idText, 'en-US': enText } };
}

const ADL = 'http://adlnet.gov/expapi/verbs/';

export const VERBS = {
  launched: verb(`${ADL}launched`, 'meluncurkan', 'launched'),
  initialized: verb(`${ADL}initialized`, 'memulai', 'initialized'),
  experienced: verb(`${ADL}experienced`, 'mempelajari', 'experienced'),
  attempted: verb(`${ADL}attempted`, 'mengerjakan', 'attempted'),
  answered: verb(`${ADL}answered`, 'menjawab', 'answered'),
  passed: verb(`${ADL}passed`, 'lulus', 'passed'),
  failed: verb(`${ADL}failed`, 'tidak lulus', 'failed'),
  completed: verb(`${ADL}completed`, 'menyelesaikan', 'completed'),
  terminated: verb(`${ADL}terminated`, 'mengakhiri', 'terminated'),
  /** cmi5's verb for a unit the learner need not take; here: a placement pass. */
  waived: verb('https://w3id.org/xapi/adl/verbs/waived', 'dibebaskan', 'waived'),
  satisfied: verb('https://w3id.org/xapi/adl/verbs/satisfied', 'memenuhi', 'satisfied'),
} as const;

export type VerbName = keyof typeof VERBS;

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  material: 'http://adlnet.gov/expapi/activities/module',
  test: 'http://adlnet.gov/expapi/activities/assessment',
  item: 'http://adlnet.gov/expapi/activities/cmi.interaction',
} as const;

/** xAPI's interactionType values (the SCORM interaction types, spelled as xAPI spells them). */
export const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const;

export type InteractionType = (typeof INTERACTION_TYPES)[number];

export const EXTENSIONS = {
  formId: `${PROFILE_IRI}/extensions/form-id`,
  attempt: `${PROFILE_IRI}/extensions/attempt`,
  testKind: `${PROFILE_IRI}/extensions/test-kind`,
  passMark: `${PROFILE_IRI}/extensions/pass-mark`,
  decision: `${PROFILE_IRI}/extensions/decision`,
  competencyStatus: `${PROFILE_IRI}/extensions/competency-status`,
  jp: `${PROFILE_IRI}/extensions/jp`,
  reason: `${PROFILE_IRI}/extensions/reason`,
  /** cmi5's reason for a waiver; "Tested Out" is what a placement pass is. */
  cmi5Reason: 'https://w3id.org/xapi/cmi5/result/extensions/reason',
} as const;

/** The waiver reason a placement pass records, in the profile's words. */
export const RECOGNITION_OF_PRIOR_LEARNING = 'recognition-of-prior-learning';
