/**
 * The SMART Training domain: course model, rules, scoring, form assembly.
 * Pure functions only; runs unchanged in the browser and in Node.
 */
export * from './model';
export type * from './views';
export {
  PLACEMENT_PASS_MARK,
  MATERIAL_PASS_MARK,
  FINAL_DEFAULT_PASS_MARK,
  outcomeFor,
  materialTestId,
  materialIdOf,
  testsOf,
  findTest,
  attemptsAt,
  hasPassed,
  checkCanStart,
  competencyStatus,
  nextStep,
  jpCredited,
} from './rules';
export { scoreForm, round2 } from './scoring';
export { assembleForm } from './assembly';
export { bankCapacity, CAPACITY_ATTEMPT_CAP } from './capacity';
export { parseNip, isWellFormedNip } from './nip';
export { localize } from './i18n';
export { seededRandom, shuffle, pick, randomIndex, fnv1a, type Random } from './random';
export {
  SmartCoreError,
  InvalidAnswersError,
  BankTooSmallError,
  InvalidNipError,
  type NipPart,
} from './errors';
