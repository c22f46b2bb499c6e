import { AssessmentApiError } from './errors';

/** A key and secret pair for HTTP Basic auth. */
export interface Credential {
  key: string;
  secret: string;
}

/** `Basic …` header value; UTF-8 safe, unlike a bare btoa of the pair. */
export function basicAuth(credential: Credential): string {
  const bytes = new TextEncoder().encode(`${credential.key}:${credential.secret}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** The LRS base URL without a trailing slash. */
export function trimEndpoint(endpoint: string): string {
  return endpoint.replace(/\/+$/, '');
}

/** How a request is made: the method and, for POST and PUT, a JSON body. */
export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
}

/** A 2xx answer of the assessment API: its status and parsed JSON body. */
export interface JsonAnswer<T> {
  status: number;
  body: T;
}

/**
 * One JSON call to the assessment API. Resolves with the parsed body of a
 * 2xx answer; rejects with {@link AssessmentApiError} otherwise.
 */
export async function requestJson<T>(url: string, credential: Credential, init: ApiRequest = {}): Promise<T> {
  return (await requestJsonAnswer<T>(url, credential, init)).body;
}

/**
 * {@link requestJson} keeping the status, for calls whose 2xx statuses
 * differ in meaning (200 resumed, 201 created).
 */
export async function requestJsonAnswer<T>(
  url: string,
  credential: Credential,
  init: ApiRequest = {},
): Promise<JsonAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: basicAuth(credential),
        Accept: 'application/json',
        // Marks the call as a script's: the LRS then answers 401 without
        // WWW-Authenticate, so the browser shows no login dialog of its own
        // and the page can show the refusal itself.
        'X-Requested-With': 'XMLHttpRequest',
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw new AssessmentApiError(
      0,
      'network_unreachable',
      `The LRS at ${new URL(url).origin} could not be reached (${error instanceof Error ? error.message : String(error)}). ` +
        'Check the network connection and try again.',
      `Server LRS di ${new URL(url).origin} tidak dapat dihubungi. Periksa koneksi jaringan lalu coba lagi.`,
    );
  }
  const text = await response.text();
  const body = parseJson(text);
  if (response.ok && body.parsed) return { status: response.status, body: body.value as T };
  throw toApiError(response, body);
}

type Parsed = { parsed: true; value: unknown } | { parsed: false };

function parseJson(text: string): Parsed {
  try {
    return { parsed: true, value: JSON.parse(text) };
  } catch {
    return { parsed: false };
  }
}

function toApiError(response: Response, body: Parsed): AssessmentApiError {
  const error = body.parsed ? readErrorBody(body.value) : null;
  if (error) return new AssessmentApiError(response.status, error.code, error.message, error.messageId);
  return new AssessmentApiError(
    response.status,
    'unexpected_response',
    `The LRS answered ${response.status} ${response.statusText} to ${response.url} without the API's JSON. ` +
      'Check that the endpoint points at the SMART LRS.',
    `Server LRS menjawab ${response.status} tanpa data yang diharapkan. Periksa alamat server LRS.`,
  );
}

function readErrorBody(value: unknown): { code: string; message: string; messageId: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  const error = (value as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, message_id: messageId } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return { code, message, messageId: typeof messageId === 'string' ? messageId : message };
}
