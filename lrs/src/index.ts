/**
 * The SMART Training LRS: an xAPI 1.0.3 and 2.0 learning record store, the SMART assessment
 * engine (forms, scoring, decisions, certificates) and the evaluator console,
 * on one SQLite file. The shapes the assessment API answers with (FormView,
 * StatusView, ...) are declared in @smart-training/core, shared with the browser.
 */
export { startLrs, type StartOptions, type RunningLrs } from './server';
export { createApp, type AppOptions } from './app';
export { createCredential, type CredentialOptions, type Principal } from './auth';
export { openSqliteRoot, openSqliteStore } from './store/sqlite-root';
export { openMongoRoot } from './store/mongo/mongo-root';
export { DEFAULT_STORE_ID, InvalidStoreIdError } from './store/types';
export type {
  Store,
  StoreRoot,
  CredentialKind,
  CredentialRecord,
  EmployeeRecord,
  CertificateRecord,
} from './store/types';
export { PRESETS, SCOPES, parseScopes, type Scope } from './scopes';
export { readConfig, type LrsConfig } from './config';
export { systemClock, type Clock } from './clock';
export { SUBMISSION_GRACE_MS } from './smart/forms';
export { publishCourse } from './smart/courses';
export { parseCourseStructure, type CourseStructure, type AssignableUnit, type MoveOn } from './cmi5/course-structure';
export { launchActivityId, lmsCourseActivityId } from './cmi5/ids';
export type { LaunchView } from './cmi5/launch';
export type { Judgement, AuStanding } from './cmi5/judge';
export { upsertRegistry } from './smart/registry';
export * from './errors';
export { errorHandler, toProblem, type Problem, type ProblemContext } from './problem';
