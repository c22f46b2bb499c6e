/**
 * Authoring for SMART Training: load and validate course sources and
 * employee registries, pack courses as SCORM 1.2, SCORM 2004, cmi5 and xAPI
 * packages, publish to the LRS.
 */
export { loadCourse, type LoadCourseOptions } from './source/load-course';
export {
  CourseSourceError,
  RegistrySourceError,
  SourceProblemsError,
  formatProblem,
  type SourceProblem,
} from './problems';
export { loadRegistry, type Employee } from './registry';
export {
  packCourse,
  PackError,
  type PackOptions,
  type PackResult,
  type LrsSettings,
} from './package/pack-course';
export { PACKAGE_FORMATS, type PackageFormat } from './package/formats';
export { publishCourse, publishRegistry, PublishError } from './publish';
