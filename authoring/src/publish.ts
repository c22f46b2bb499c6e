import type { Course } from '@smart-training/core';
import type { LrsSettings } from './package/pack-course';
import type { Employee } from './registry';

/** The LRS refused a call or could not be reached; `message` says why and what to do. */
export class PublishError extends Error {
  constructor(
    message: string,
    /** HTTP status, or undefined when the LRS could not be reached. */
    readonly status?: number,
    /** The LRS's error code, e.g. `unauthorized`. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/**
 * Sends the full course, bank and keys included, to the LRS
 * (`PUT /smart/v1/courses/:id`). Needs an admin credential.
 *
 * @example
 * const { items } = await publishCourse(course, { endpoint: 'http://127.0.0.1:8080', key, secret });
 */
export async function publishCourse(
  course: Course,
  lrs: LrsSettings,
): Promise<{ id: string; version: string; items: number }> {
  return put(lrs, `smart/v1/courses/${encodeURIComponent(course.id)}`, course);
}

/**
 * Adds or updates employees in the LRS's registry (`PUT /smart/v1/registry`).
 * Needs an admin credential.
 */
export async function publishRegistry(
  employees: readonly Employee[],
  lrs: LrsSettings,
): Promise<{ added: number; updated: number }> {
  return put(lrs, 'smart/v1/registry', { employees });
}

async function put<T>(lrs: LrsSettings, route: string, body: unknown): Promise<T> {
  const url = new URL(route, lrs.endpoint.endsWith('/') ? lrs.endpoint : `${lrs.endpoint}/`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'PUT',
      headers: {
        authorization: `Basic ${Buffer.from(`${lrs.key}:${lrs.secret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new PublishError(`Could not reach the LRS at ${url.origin} (${cause}); check --lrs and that the LRS is running.`);
  }
  const text = await response.text();
  if (!response.ok) {
    const refusal = lrsError(text);
    throw new PublishError(
      `The LRS refused PUT ${url.pathname} with ${response.status}: ${refusal?.message ?? (text.trim() || response.statusText)}`,
      response.status,
      refusal?.code,
    );
  }
  return JSON.parse(text) as T;
}

function lrsError(text: string): { code?: string; message: string } | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'error' in body) {
      const { error } = body as { error: { code?: unknown; message?: unknown } };
      if (typeof error.message === 'string') {
        return { message: error.message, code: typeof error.code === 'string' ? error.code : undefined };
      }
    }
  } catch {
    // Not JSON: the caller shows the raw text.
  }
  return undefined;
}
