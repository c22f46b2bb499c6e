/**
 * The package formats `packCourse` writes. Every one launches the same
 * `index.html`; they differ only in the descriptor the LMS reads:
 * imsmanifest.xml (SCORM 1.2 and 2004 4th edition), cmi5.xml (cmi5) or
 * tincan.xml (an xAPI package in the Tin Can launch layout).
 */
export type PackageFormat = 'scorm12' | 'scorm2004' | 'cmi5' | 'xapi';
export const PACKAGE_FORMATS: readonly PackageFormat[] = ['scorm12', 'scorm2004', 'cmi5', 'xapi'];

/** The SCORM formats, which share one manifest builder. */
export type ScormFormat = Extract<PackageFormat, 'scorm12' | 'scorm2004'>;
