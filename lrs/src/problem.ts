/*
 * Errors on the wire: the HTTP status, headers and body of every error the
 * LRS answers with, decided in one place.
 */

import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  BankTooSmallError,
  InvalidAnswersError,
  InvalidNipError,
  SmartCoreError,
} from '@smart-training/core';
import {
  AttachmentsTooLargeError,
  BadCredentialsError,
  CourseVersionExistsError,
  CourseVersionOlderError,
  DocumentContendedError,
  DocumentExistsError,
  DocumentNotFoundError,
  DocumentNotYoursError,
  FormAlreadySubmittedError,
  FormNotYoursError,
  InvalidRequestError,
  InvalidStatementError,
  LrsError,
  MissingCredentialsError,
  MissingScopeError,
  NotEnrolledError,
  PreconditionFailedError,
  RevokedCredentialsError,
  RouteNotFoundError,
  RuleViolationError,
  StatementConflictError,
  StatementNotAllowedError,
  StatementNotFoundError,
  StatementNotYoursError,
  TestInProgressError,
  TimeLimitPassedError,
  UnknownCourseError,
  UnknownFormError,
  UnknownNipError,
  UnprocessableError,
  UnsupportedXapiVersionError,
  WrongCourseError,
  WrongCredentialKindError,
} from './errors';
import { Cmi5Error } from './cmi5/errors';

/** What an error becomes on the wire. */
export interface Problem {
  status: number;
  body: { error: { code: string; message: string; message_id: string; error_id?: string } };
  headers: Record<string, string>;
}

/** What {@link toProblem} needs to know about the request it answers. */
export interface ProblemContext {
  /**
   * Whether a 401 may carry the Basic challenge. Script requests
   * (`X-Requested-With: XMLHttpRequest`) get none: a browser answers a
   * challenge with its own login dialog, and the script's fetch stalls.
   */
  challenge: boolean;
  /** Path of the request, e.g. `/xapi/statements`, to fit advice to the call. */
  path: string;
  /** The largest accepted body, as configured (e.g. "5mb"). */
  bodyLimit: string;
}

/** Errors the body parsers of express raise, recognised by their `type`. */
interface BodyParserError {
  type: string;
}

/**
 * The one place that turns an error into an HTTP answer. Known errors keep
 * their own message; anything else is logged at error level under a fresh
 * error id, which the client gets so an operator can find the log line.
 */
export function toProblem(error: unknown, logger: Logger, context: ProblemContext): Problem {
  const known = statusOf(error);
  if (known !== undefined && (error instanceof LrsError || error instanceof SmartCoreError)) {
    const headers: Record<string, string> =
      known === 401 && context.challenge
        ? { 'WWW-Authenticate': 'Basic realm="SMART LRS", charset="UTF-8"' }
        : {};
    return {
      status: known,
      body: { error: { code: error.code, message: error.message, message_id: error.messageId } },
      headers,
    };
  }
  const parser = bodyParserProblem(error, context);
  if (parser) return parser;

  const errorId = randomUUID();
  logger.error({ err: error, errorId }, 'unexpected error while handling a request');
  return {
    status: 500,
    body: {
      error: {
        code: 'internal_error',
        message: `The LRS failed unexpectedly. Try again; if it keeps failing, give the operator error id ${errorId}.`,
        message_id: `LRS mengalami kesalahan tak terduga. Coba lagi; bila tetap gagal, sampaikan id kesalahan ${errorId} kepada pengelola.`,
        error_id: errorId,
      },
    },
    headers: {},
  };
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof Cmi5Error) return error.status;
  if (
    error instanceof MissingCredentialsError ||
    error instanceof BadCredentialsError ||
    error instanceof RevokedCredentialsError
  ) {
    return 401;
  }
  if (
    error instanceof MissingScopeError ||
    error instanceof WrongCredentialKindError ||
    error instanceof WrongCourseError ||
    error instanceof FormNotYoursError ||
    error instanceof StatementNotYoursError ||
    error instanceof StatementNotAllowedError ||
    error instanceof DocumentNotYoursError
  ) {
    return 403;
  }
  if (
    error instanceof UnknownCourseError ||
    error instanceof UnknownNipError ||
    error instanceof NotEnrolledError ||
    error instanceof UnknownFormError ||
    error instanceof StatementNotFoundError ||
    error instanceof DocumentNotFoundError ||
    error instanceof RouteNotFoundError ||
    (error instanceof RuleViolationError && error.code === 'unknown_test')
  ) {
    return 404;
  }
  if (
    error instanceof RuleViolationError ||
    error instanceof CourseVersionExistsError ||
    error instanceof CourseVersionOlderError ||
    error instanceof TestInProgressError ||
    error instanceof FormAlreadySubmittedError ||
    error instanceof StatementConflictError ||
    error instanceof DocumentExistsError ||
    error instanceof DocumentContendedError
  ) {
    return 409;
  }
  if (error instanceof PreconditionFailedError) return 412;
  if (error instanceof AttachmentsTooLargeError) return 413;
  if (error instanceof TimeLimitPassedError) return 410;
  if (
    error instanceof InvalidRequestError ||
    error instanceof InvalidStatementError ||
    error instanceof UnsupportedXapiVersionError ||
    error instanceof InvalidNipError
  ) {
    return 400;
  }
  if (
    error instanceof UnprocessableError ||
    error instanceof BankTooSmallError ||
    error instanceof InvalidAnswersError
  ) {
    return 422;
  }
  return undefined;
}

function bodyParserProblem(error: unknown, context: ProblemContext): Problem | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const { type } = error as BodyParserError;
  if (type === 'entity.too.large') {
    const advice = tooLargeAdvice(context.path);
    return simpleProblem(
      413,
      'body_too_large',
      `The request body is larger than the ${context.bodyLimit} this LRS accepts. ${advice.en}`,
      `Isi permintaan melebihi batas ${context.bodyLimit} yang diterima LRS ini. ${advice.id}`,
    );
  }
  if (type === 'entity.parse.failed') {
    return simpleProblem(
      400,
      'invalid_json',
      'The request body is not valid JSON. Fix the JSON and send again.',
      'Isi permintaan bukan JSON yang valid. Perbaiki JSON lalu kirim ulang.',
    );
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return simpleProblem(
      415,
      'unsupported_encoding',
      'The request body uses an encoding this LRS does not read. Send UTF-8 JSON.',
      'Isi permintaan memakai pengodean yang tidak didukung. Kirim JSON UTF-8.',
    );
  }
  return undefined;
}

/** What to do about a body over the limit, in the terms of the call that sent it. */
function tooLargeAdvice(path: string): { en: string; id: string } {
  const raise = {
    en: 'ask the operator to raise SMART_BODY_LIMIT',
    id: 'minta pengelola menaikkan SMART_BODY_LIMIT',
  };
  if (/^\/xapi\/(activities\/state|activities\/profile|agents\/profile)$/.test(path)) {
    return {
      en: `Keep documents smaller (store large media elsewhere and refer to it), or ${raise.en}.`,
      id: `Perkecil dokumen (simpan media besar di tempat lain dan rujuk alamatnya), atau ${raise.id}.`,
    };
  }
  if (path.startsWith('/xapi/')) {
    return {
      en: `Send fewer statements per request, or ${raise.en}.`,
      id: `Kirim lebih sedikit pernyataan per permintaan, atau ${raise.id}.`,
    };
  }
  if (path.startsWith('/smart/v1/registry')) {
    return {
      en: `Upload the employee registry in several smaller parts, or ${raise.en}.`,
      id: `Unggah data pegawai dalam beberapa bagian yang lebih kecil, atau ${raise.id}.`,
    };
  }
  if (path.startsWith('/smart/v1/courses')) {
    return {
      en: `A course is published whole, bank included: ${raise.en}.`,
      id: `Pelatihan diterbitkan utuh beserta bank soalnya: ${raise.id}.`,
    };
  }
  return {
    en: `Check what the client sends, or ${raise.en}.`,
    id: `Periksa data yang dikirim klien, atau ${raise.id}.`,
  };
}

function simpleProblem(status: number, code: string, message: string, messageId: string): Problem {
  return { status, body: { error: { code, message, message_id: messageId } }, headers: {} };
}

/** Express error handler that answers with {@link toProblem}. */
export function errorHandler(logger: Logger, bodyLimit: string): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const problem = toProblem(error, logger, {
      challenge: req.get('X-Requested-With')?.toLowerCase() !== 'xmlhttprequest',
      path: req.originalUrl.split('?')[0] ?? '',
      bodyLimit,
    });
    res.status(problem.status).set(problem.headers).json(problem.body);
  };
}
