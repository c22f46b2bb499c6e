/**
 * The host player's Node side: unpack uploaded SCORM zips and serve them
 * under `/host/` with scorm-again as the LMS.
 */
export { createHostRouter, type HostRouterOptions } from './router';
export { unpackPackage, readManifest, type UnpackOptions, type UnpackedPackage } from './unpack';
export { parseManifest, type PackageManifest } from './manifest';
export { PackageRejectedError } from './errors';
