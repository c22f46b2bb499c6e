import type { Scorm2004Api } from './scorm-api';
import { formatRawScore, scorm2004Duration } from './cmi-format';
import { ScormHost, type ScormHostOptions } from './scorm-host';
import { SUSPEND_DATA_LIMIT } from './suspend-data';

/** SCORM 2004 error 103: Initialize was already called in this session. */
const ALREADY_INITIALIZED = '103';
/** SCORM 2004 error 403: the element has no value yet; a normal answer. */
const VALUE_NOT_INITIALIZED = '403';

/**
 * The unit's bridge to a SCORM 2004 LMS (`window.API_1484_11`). Success and
 * completion are reported separately, as the 2004 data model wants, and
 * every result is committed at once.
 */
export class Scorm2004Host extends ScormHost {
  declare readonly kind: 'scorm2004';

  constructor(api: Scorm2004Api, options: ScormHostOptions = {}) {
    super(
      {
        kind: 'scorm2004',
        dialect: {
          standard: 'SCORM 2004',
          lastError: () => api.GetLastError(),
          errorString: (code) => api.GetErrorString(code),
          diagnostic: (code) => api.GetDiagnostic(code),
          expectedCodes: {
            GetValue: [VALUE_NOT_INITIALIZED],
            Initialize: [ALREADY_INITIALIZED],
          },
        },
        calls: {
          initialize: () => api.Initialize(''),
          getValue: (element) => api.GetValue(element),
          setValue: (element, value) => api.SetValue(element, value),
          commit: () => api.Commit(''),
          terminate: () => api.Terminate(''),
        },
        callNames: {
          initialize: 'Initialize',
          getValue: 'GetValue',
          setValue: 'SetValue',
          commit: 'Commit',
          terminate: 'Terminate',
        },
        rules: { beforeInitialize: 'RTE 3.1.3.1', afterTerminate: 'RTE 3.1.3.2' },
        alreadyInitialized: ALREADY_INITIALIZED,
        elements: {
          learnerId: 'cmi.learner_id',
          learnerName: 'cmi.learner_name',
          progress: 'cmi.completion_status',
          sessionTime: 'cmi.session_time',
          exit: 'cmi.exit',
          language: 'cmi.learner_preference.language',
          success: 'cmi.success_status',
          scoreRaw: 'cmi.score.raw',
          suspendData: 'cmi.suspend_data',
        },
        // 401: not implemented; 403: no value set yet.
        optionalElementCodes: ['401', VALUE_NOT_INITIALIZED],
        notBegun: ['unknown', 'not attempted', ''],
        suspendDataLimit: SUSPEND_DATA_LIMIT.scorm2004,
        formatSessionTime: scorm2004Duration,
        resultValues: (result) => {
          const raw = formatRawScore(result.scoreRaw);
          const finished = result.status !== 'incomplete';
          return [
            ['cmi.score.min', '0'],
            ['cmi.score.max', '100'],
            ['cmi.score.raw', raw],
            ['cmi.score.scaled', String(Math.round(Number(raw) * 100) / 10_000)],
            ['cmi.success_status', finished ? result.status : 'unknown'],
            ['cmi.completion_status', finished ? 'completed' : 'incomplete'],
          ];
        },
      },
      options,
    );
  }
}
