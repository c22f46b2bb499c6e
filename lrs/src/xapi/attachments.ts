/*
 * Matching a request's attachment parts to the attachments its statements
 * declare (Data 2.4.11, Communication 1.5.2): every attachment without a
 * fileUrl has its part, every part belongs to a declared attachment, and
 * signature attachments hold a valid signature of their statement.
 */

import { InvalidRequestError, InvalidStatementError } from '../errors';
import type { AttachmentRecord } from '../store/types';
import type { StatementJson } from './model';
import { mediaTypeOf, type AttachmentPart } from './multipart';
import { isSignature, SIGNATURE_CONTENT_TYPE, verifySignature } from './signature';

type Json = Record<string, unknown>;

/** A statement as its sender wrote it, with the path naming it in errors (e.g. `statements[1]`). */
export interface SentStatement {
  statement: StatementJson;
  where: string;
}

interface Declared {
  attachment: Json;
  where: string;
  topLevel: boolean;
  statement: StatementJson;
}

/**
 * Checks the parts against the statements' attachments and answers the
 * attachment data to store, once per SHA-256. Throws a 400 error naming the
 * attachment or part at fault.
 */
export async function attachmentRecords(
  sent: readonly SentStatement[],
  parts: readonly AttachmentPart[],
): Promise<AttachmentRecord[]> {
  const declared = sent.flatMap(declaredAttachments);
  const partsBySha = new Map(parts.map((part) => [part.sha2, part]));
  const declaredShas = new Set(declared.map(({ attachment }) => shaOf(attachment)));
  for (const part of parts) {
    if (!declaredShas.has(part.sha2)) {
      throw new InvalidRequestError(
        `a multipart part carries data with SHA-256 ${part.sha2}, which no attachment of the statements declares; send only the data of declared attachments`,
        `bagian multipart berisi data dengan SHA-256 ${part.sha2} yang tidak dinyatakan oleh lampiran pernyataan mana pun`,
        'invalid_attachments',
      );
    }
  }
  const records = new Map<string, AttachmentRecord>();
  for (const { attachment, where, topLevel, statement } of declared) {
    const sha2 = shaOf(attachment);
    const part = partsBySha.get(sha2);
    if (isSignature(attachment) && topLevel) {
      if (mediaTypeOf(attachment.contentType as string) !== SIGNATURE_CONTENT_TYPE) {
        throw new InvalidStatementError(
          `${where}.contentType`,
          `a signature attachment must have contentType ${SIGNATURE_CONTENT_TYPE}`,
        );
      }
      if (!part) {
        throw new InvalidStatementError(where, 'a signature attachment must be sent as a multipart/mixed part');
      }
      await verifySignature(statement, part.content, where);
    }
    if (part) {
      records.set(sha2, { sha2, contentType: attachment.contentType as string, content: part.content });
    } else if (attachment.fileUrl === undefined) {
      throw new InvalidStatementError(
        where,
        `has no fileUrl, so its data must be sent in a multipart/mixed part with X-Experience-API-Hash ${sha2}`,
      );
    }
  }
  return [...records.values()];
}

function declaredAttachments({ statement, where }: SentStatement): Declared[] {
  const list = (owner: Json, path: string, topLevel: boolean): Declared[] =>
    ((owner.attachments as Json[] | undefined) ?? []).map((attachment, index) => ({
      attachment,
      where: `${path}.attachments[${index}]`,
      topLevel,
      statement,
    }));
  const object = statement.object as Json;
  const inner = object.objectType === 'SubStatement' ? list(object, `${where}.object`, false) : [];
  return [...list(statement, where, true), ...inner];
}

function shaOf(attachment: Json): string {
  return (attachment.sha2 as string).toLowerCase();
}
