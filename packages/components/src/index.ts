/**
 * Lit elements of a SMART Training course unit, plus the helpers the CAT
 * player shares with them. Importing this module registers no tags; import
 * `./define` (or the unit bundle) for that.
 */
export { SmartCourseUnit } from './unit/course-unit';
export { hostStatusFor, decidedResult } from './unit/host-report';
export { SmartCourseOutline, type OpenMaterialDetail, type StartTestDetail } from './unit/course-outline';
export { SmartMaterialView, presentMedia, type MediaPresentation } from './unit/material-view';
export { SmartCertificatePanel } from './unit/certificate-panel';
export { SmartNipForm, type NipSubmitDetail } from './unit/nip-form';
export { loadCourseFile, CourseFileError, type CourseFile } from './unit/course-file';
export { defineUnitElements, UNIT_ELEMENTS } from './unit/define-elements';
export {
  baseStyles,
  headingStyles,
  controlStyles,
  visuallyHiddenStyles,
} from './styles/base.styles';
export { describeNextStep, type NextStepWords } from './next-step';
export { fireSmartEvent, type SmartEventName, type SmartEventDetail } from './events';
export {
  LOCALES,
  toLanguage,
  zoneAbbreviation,
  formatDateTime,
  formatDate,
  formatWindow,
  formatScore,
  errorText,
  isRetryable,
  type ErrorFallbacks,
} from './i18n';
