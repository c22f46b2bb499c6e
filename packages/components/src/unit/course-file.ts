import type { CourseOutline, LocalizedText } from '@smart-training/core';

/** What a package's course.json holds: the outline (no bank) and where the LRS is. */
export interface CourseFile {
  outline: CourseOutline;
  lrs: { endpoint: string; key: string; secret: string };
}

/** course.json could not be fetched or does not have the package's shape. */
export class CourseFileError extends Error {
  constructor(
    readonly url: string,
    /** What is wrong, in both languages; shown inside the learner's sentence. */
    readonly detail: LocalizedText,
  ) {
    super(`${url}: ${detail.en}`);
    this.name = 'CourseFileError';
  }
}

/**
 * Fetches and checks a package's course.json. Only the fields the unit
 * relies on are checked; the packager validated the rest when it wrote
 * the file.
 *
 * @example
 * const course = await loadCourseFile(new URL('course.json', document.baseURI).href);
 */
export async function loadCourseFile(url: string): Promise<CourseFile> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache' });
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new CourseFileError(url, { id: `permintaan gagal (${cause})`, en: `the request failed (${cause})` });
  }
  if (!response.ok) {
    const answer = `${response.status} ${response.statusText}`.trim();
    throw new CourseFileError(url, { id: `server menjawab ${answer}`, en: `the server answered ${answer}` });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new CourseFileError(url, { id: 'isinya bukan JSON yang sah', en: 'it is not valid JSON' });
  }
  const problem = shapeProblem(body);
  if (problem !== null) throw new CourseFileError(url, problem);
  return body as CourseFile;
}

function shapeProblem(body: unknown): LocalizedText | null {
  const missing = (field: string): LocalizedText => ({
    id: `bagian "${field}" tidak ada atau tidak sah`,
    en: `"${field}" is missing or malformed`,
  });
  if (!isRecord(body)) return missing('(root object)');
  const { outline, lrs } = body;
  if (!isRecord(outline)) return missing('outline');
  if (typeof outline.id !== 'string' || outline.id === '') return missing('outline.id');
  if (!isRecord(outline.title) || typeof outline.title.id !== 'string') return missing('outline.title');
  if (!isRecord(outline.offering)) return missing('outline.offering');
  if (!isRecord(outline.placement)) return missing('outline.placement');
  if (!isRecord(outline.final)) return missing('outline.final');
  if (!Array.isArray(outline.materials)) return missing('outline.materials');
  if (!isRecord(lrs)) return missing('lrs');
  for (const field of ['endpoint', 'key', 'secret'] as const) {
    if (typeof lrs[field] !== 'string' || lrs[field] === '') return missing(`lrs.${field}`);
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
