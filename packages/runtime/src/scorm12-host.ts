import type { Scorm12Api } from './scorm-api';
import { formatRawScore, scorm12Timespan } from './cmi-format';
import { ScormHost, type ScormHostOptions } from './scorm-host';
import { SUSPEND_DATA_LIMIT } from './suspend-data';

/**
 * The unit's bridge to a SCORM 1.2 LMS (`window.API`). Every result is
 * followed by LMSCommit, because an LMS such as Moodle may keep nothing
 * until a commit.
 */
export class Scorm12Host extends ScormHost {
  declare readonly kind: 'scorm12';

  constructor(api: Scorm12Api, options: ScormHostOptions = {}) {
    super(
      {
        kind: 'scorm12',
        dialect: {
          standard: 'SCORM 1.2',
          lastError: () => api.LMSGetLastError(),
          errorString: (code) => api.LMSGetErrorString(code),
          diagnostic: (code) => api.LMSGetDiagnostic(code),
        },
        calls: {
          initialize: () => api.LMSInitialize(''),
          getValue: (element) => api.LMSGetValue(element),
          setValue: (element, value) => api.LMSSetValue(element, value),
          commit: () => api.LMSCommit(''),
          terminate: () => api.LMSFinish(''),
        },
        callNames: {
          initialize: 'LMSInitialize',
          getValue: 'LMSGetValue',
          setValue: 'LMSSetValue',
          commit: 'LMSCommit',
          terminate: 'LMSFinish',
        },
        rules: { beforeInitialize: 'RTE 3.3.2', afterTerminate: 'RTE 3.3.2' },
        elements: {
          learnerId: 'cmi.core.student_id',
          learnerName: 'cmi.core.student_name',
          progress: 'cmi.core.lesson_status',
          sessionTime: 'cmi.core.session_time',
          exit: 'cmi.core.exit',
          language: 'cmi.student_preference.language',
          success: 'cmi.core.lesson_status',
          scoreRaw: 'cmi.core.score.raw',
          suspendData: 'cmi.suspend_data',
        },
        // 401: not implemented; cmi.student_preference is optional in the SCORM 1.2 data model.
        optionalElementCodes: ['401'],
        notBegun: ['not attempted'],
        suspendDataLimit: SUSPEND_DATA_LIMIT.scorm12,
        formatSessionTime: scorm12Timespan,
        resultValues: (result) => [
          ['cmi.core.score.min', '0'],
          ['cmi.core.score.max', '100'],
          ['cmi.core.score.raw', formatRawScore(result.scoreRaw)],
          ['cmi.core.lesson_status', result.status],
        ],
      },
      options,
    );
  }
}
