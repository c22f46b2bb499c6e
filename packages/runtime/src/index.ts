/**
 * A course unit's bridge to the outside: the LMS that launched it (SCORM
 * 1.2, SCORM 2004, cmi5, an xAPI launch or none), the SMART assessment API and the LRS's xAPI
 * statements resource. Browser code only.
 */
export { findScormApi, type FoundScormApi, type Scorm12Api, type Scorm2004Api } from './scorm-api';
export {
  connectHost,
  registerHostLauncher,
  StandaloneHost,
  type ConnectOptions,
  type HostBridge,
  type HostLauncher,
  type HostOptions,
  type HostKind,
  type HostResult,
  type LearnerIdentity,
} from './host';
export { Scorm12Host } from './scorm12-host';
export { Scorm2004Host } from './scorm2004-host';
export { DEFAULT_COMMIT_INTERVAL_MS, type ScormHostOptions } from './scorm-host';
export { Cmi5Host, cmi5Launcher, type Cmi5HostOptions } from './cmi5-host';
export { readCmi5Launch, type Cmi5Launch } from './cmi5-launch';
export { XapiLaunchHost, readXapiLaunch, type XapiLaunch, type XapiLaunchHostOptions } from './xapi-launch-host';
export { UNIT_STATE_ID, type UnitState } from './unit-state-document';
export { SUSPEND_DATA_LIMIT, decodeSuspendData, encodeSuspendData } from './suspend-data';
export { AssessmentClient, type RequestedForm } from './assessment-client';
export { AdminClient } from './admin-client';
export { AssessmentApiError, UnsupportedLaunchError } from './errors';
export type { Credential } from './http';
export { StatementClient, type StatementClientOptions } from './statement-client';
export type { QueueStorage } from './statement-queue';
/** The SMART assessment API's answers; declared in core, shared with the LRS. */
export type {
  FormView,
  ResultView,
  StatusView,
  TestStatusView,
  CertificateView,
  RegisteredLearner,
  SessionView,
  OfferingSummary,
  MaterialSummary,
  LearnerRow,
  CourseListing,
  Decision,
} from '@smart-training/core';
