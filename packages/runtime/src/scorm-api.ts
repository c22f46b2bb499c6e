/**
 * The two SCORM run-time API shapes an LMS exposes to content, and the
 * discovery walk conforming content must do to find one.
 *
 * LMSs differ in what they return: the standards say strings ("true",
 * "false", "0"), some return booleans or numbers, so callers compare with
 * `String(result)`.
 */

type ScormResult = string | boolean | number;

/** SCORM 1.2 `API` object (RTE 3.3). */
export interface Scorm12Api {
  LMSInitialize(parameter: ''): ScormResult;
  LMSFinish(parameter: ''): ScormResult;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): ScormResult;
  LMSCommit(parameter: ''): ScormResult;
  LMSGetLastError(): ScormResult;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

/** SCORM 2004 `API_1484_11` object (RTE 3.1). */
export interface Scorm2004Api {
  Initialize(parameter: ''): ScormResult;
  Terminate(parameter: ''): ScormResult;
  GetValue(element: string): string;
  SetValue(element: string, value: string): ScormResult;
  Commit(parameter: ''): ScormResult;
  GetLastError(): ScormResult;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

export type FoundScormApi =
  | { version: '1.2'; api: Scorm12Api }
  | { version: '2004'; api: Scorm2004Api };

/**
 * How many parents to climb from one window. ADL's sample discovery code for
 * SCORM 1.2 gives up after 7; deeper nesting means a broken frameset.
 */
const MAX_PARENT_HOPS = 7;

/**
 * Finds the LMS's SCORM API the way the SCORM run-time environment tells
 * content to: the window itself and up to seven parents, then the window
 * that opened the content (and its parents), for content launched in a
 * pop-up. A SCORM 2004 API anywhere wins over a SCORM 1.2 one, since an LMS
 * exposing both speaks the newer standard.
 *
 * Frames from another origin are skipped instead of throwing.
 *
 * @example
 * const found = findScormApi(window);
 * if (found?.version === '2004') found.api.Initialize('');
 */
export function findScormApi(win: Window): FoundScormApi | null {
  const windows = searchOrder(win);
  for (const candidate of windows) {
    const api = readProperty(candidate, 'API_1484_11');
    if (isScorm2004Api(api)) return { version: '2004', api };
  }
  for (const candidate of windows) {
    const api = readProperty(candidate, 'API');
    if (isScorm12Api(api)) return { version: '1.2', api };
  }
  return null;
}

function searchOrder(win: Window): Window[] {
  const order: Window[] = [];
  const visit = (start: Window | null) => {
    let current = start;
    for (let hop = 0; current && hop <= MAX_PARENT_HOPS; hop++) {
      if (!order.includes(current)) order.push(current);
      const parent = readParent(current);
      if (!parent || parent === current) break;
      current = parent;
    }
  };
  visit(win);
  // SCORM 2004's discovery also looks at the top window's opener: content
  // framed inside a pop-up has no opener of its own.
  visit(readOpener(win));
  visit(readOpener(readTop(win)));
  return order;
}

function readProperty(win: Window, name: string): unknown {
  try {
    return (win as unknown as Record<string, unknown>)[name];
  } catch {
    return undefined; // another origin's window
  }
}

function readParent(win: Window): Window | null {
  try {
    return win.parent;
  } catch {
    return null;
  }
}

function readTop(win: Window): Window | null {
  try {
    return win.top;
  } catch {
    return null;
  }
}

function readOpener(win: Window | null): Window | null {
  if (!win) return null;
  try {
    return (win.opener as Window | null) ?? null;
  } catch {
    return null;
  }
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return names.every((name) => typeof record[name] === 'function');
}

function isScorm12Api(value: unknown): value is Scorm12Api {
  return hasMethods(value, ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit']);
}

function isScorm2004Api(value: unknown): value is Scorm2004Api {
  return hasMethods(value, ['Initialize', 'GetValue', 'SetValue', 'Commit']);
}
