/**
 * The host player's Node side: unpack uploaded SCORM zips and serve them
 * under `/host/` with scorm-again as the LMS.
 */
export { createHostRouter, type HostRouterOptions } from './router';
export { unpackPackage, unpackCmi5Package, unpackXapiPackage, readManifest, readOwner, type UnpackOptions, type UnpackedPackage } from './unpack';
export {
  cmiToStatements,
  parseRuntimeReport,
  scormCourseActivityId,
  scoActivityId,
  InvalidReportError,
  SCORM_PROFILE_ACTIVITY,
  type RuntimeReport,
  type ReportTarget,
} from './cmi-to-xapi';
export type { HostLrs } from './host-lrs';
export { parseManifest, type PackageManifest } from './manifest';
export { PackageRejectedError } from './errors';
