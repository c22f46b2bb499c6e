import express, { type RequestHandler } from 'express';
import { AttachmentsTooLargeError } from '../errors';
import { mediaTypeOf } from './multipart';

/** The size limits of a statements request body, in the notation of express's body parsers (e.g. "5mb"). */
export interface StatementBodyLimits {
  /** Statements as JSON (SMART_BODY_LIMIT). */
  bodyLimit: string;
  /** Statements with their attachments' data, as multipart/mixed (SMART_ATTACHMENT_LIMIT). */
  attachmentLimit: string;
}

/**
 * Reads the body of a statements POST or PUT as raw bytes, so that JSON and
 * multipart/mixed are read alike, under the limit that fits it. Attachments
 * have a limit of their own because their data is stored as it comes,
 * while a JSON body is parsed whole in memory: an operator may accept large
 * evidence files without accepting equally large JSON.
 *
 * A body the alternate request syntax already read passes through.
 *
 * @example
 * router.post('/statements', readStatementBody({ bodyLimit: '5mb', attachmentLimit: '20mb' }), handler);
 */
export function readStatementBody({ bodyLimit, attachmentLimit }: StatementBodyLimits): RequestHandler {
  const json = express.raw({ type: () => true, limit: bodyLimit });
  const withAttachments = express.raw({ type: () => true, limit: attachmentLimit });
  return (req, res, next) => {
    if (mediaTypeOf(req.get('Content-Type')) !== 'multipart/mixed') {
      json(req, res, next);
      return;
    }
    withAttachments(req, res, (error?: unknown) => {
      next(isTooLarge(error) ? new AttachmentsTooLargeError(attachmentLimit) : error);
    });
  };
}

/** body-parser's refusal of a body over its limit. */
function isTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.too.large';
}
