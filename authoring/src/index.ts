/**
 * Authoring for SMART Training: load and validate course sources and
 * employee registries, pack courses as SCORM packages, publish to the LRS.
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
export { PACKAGE_FORMATS, type PackageFormat } from './package/manifest';
export { publishCourse, publishRegistry, PublishError } from './publish';
