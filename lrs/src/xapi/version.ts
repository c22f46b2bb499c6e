import type { RequestHandler, Response } from 'express';
import { UnsupportedXapiVersionError } from '../errors';

/**
 * The xAPI versions this LRS speaks. A request picks one with its
 * `X-Experience-API-Version` header: any 1.0.x is served by the 1.0.3 rules,
 * any 2.0.x by the xAPI 2.0 (IEEE 9274.1.1) rules.
 */
export type XapiVersion = '1.0.3' | '2.0.0';

/** What `/about` lists, newest first. */
export const SUPPORTED_VERSIONS: readonly string[] = ['2.0.0', '1.0.3', '1.0.2', '1.0.1', '1.0.0'];

/** The version a header value asks for, or undefined when it names none we speak. */
export function parseXapiVersion(header: string | undefined): XapiVersion | undefined {
  const value = header?.trim() ?? '';
  if (/^1\.0(\.\d+)?$/.test(value)) return '1.0.3';
  if (/^2\.0(\.\d+)?$/.test(value)) return '2.0.0';
  return undefined;
}

/**
 * Stamps every answer with the version the request asked for, or with
 * `fallback` when it asked for none this LRS speaks, so that even the refusal
 * names a version it does.
 */
export function announceVersion(fallback: XapiVersion): RequestHandler {
  return (req, res, next) => {
    res.set('X-Experience-API-Version', parseXapiVersion(req.get('X-Experience-API-Version')) ?? fallback);
    next();
  };
}

/** Refuses a request without a supported `X-Experience-API-Version` and records the version it chose. */
export const requireXapiVersion: RequestHandler = (req, res, next) => {
  const sent = req.get('X-Experience-API-Version');
  const version = parseXapiVersion(sent);
  if (version === undefined) {
    next(new UnsupportedXapiVersionError(sent));
    return;
  }
  res.locals.xapiVersion = version;
  next();
};

/** The version {@link requireXapiVersion} chose for this request. */
export function versionOf(res: Response): XapiVersion {
  return (res.locals.xapiVersion as XapiVersion | undefined) ?? '1.0.3';
}
