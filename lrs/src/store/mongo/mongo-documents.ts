import type { Model } from 'mongoose';
import type { DocumentKey, DocumentListing, DocumentRecord, DocumentScope } from '../types';
import { toBuffer, type DocumentDoc } from './models';
import { isDuplicateKey } from './mongo-statements';

/**
 * One store's xAPI documents. A conditional write is one filtered operation
 * on the document's unique key: an update whose filter names the expected
 * ETag, or an insert the unique index refuses when another writer stored the
 * document first, so two LRS processes cannot both win.
 */
export class MongoDocuments {
  constructor(
    private readonly documents: Model<DocumentDoc>,
    private readonly storeId: string,
  ) {}

  async get(key: DocumentKey): Promise<DocumentRecord | undefined> {
    const found = await this.documents.findOne(this.keyFilter(key)).lean<DocumentDoc>();
    return found === null ? undefined : toDocument(found);
  }

  async list(scope: DocumentScope, since: string | undefined): Promise<DocumentListing[]> {
    const filter: Record<string, unknown> = this.scopeFilter(scope);
    if (since !== undefined) filter.updatedAt = { $gt: since };
    const found = await this.documents
      .find(filter, { documentId: 1, updatedAt: 1 })
      .sort({ updatedAt: 1, documentId: 1 })
      .lean<{ documentId: string; updatedAt: string }[]>();
    return found.map((doc) => ({ documentId: doc.documentId, updatedAt: doc.updatedAt }));
  }

  async save(document: DocumentRecord, expectedEtag: string | null): Promise<boolean> {
    const content = { content: document.content, contentType: document.contentType, etag: document.etag, updatedAt: document.updatedAt };
    if (expectedEtag === null) {
      try {
        await this.documents.create([{ ...this.keyFilter(document), ...content }]);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    }
    const replaced = await this.documents.updateOne({ ...this.keyFilter(document), etag: expectedEtag }, { $set: content });
    return replaced.matchedCount > 0;
  }

  async delete(key: DocumentKey, expectedEtag: string): Promise<boolean> {
    const deleted = await this.documents.deleteOne({ ...this.keyFilter(key), etag: expectedEtag });
    return deleted.deletedCount > 0;
  }

  async deleteAll(scope: DocumentScope): Promise<void> {
    await this.documents.deleteMany(this.scopeFilter(scope));
  }

  private keyFilter(key: DocumentKey): Omit<DocumentDoc, 'content' | 'contentType' | 'etag' | 'updatedAt'> {
    return {
      storeId: this.storeId,
      kind: key.kind,
      activityId: key.activityId,
      agentKey: key.agentKey,
      registration: key.registration,
      documentId: key.documentId,
    };
  }

  private scopeFilter(scope: DocumentScope): Record<string, string> {
    const filter: Record<string, string> = {
      storeId: this.storeId,
      kind: scope.kind,
      activityId: scope.activityId,
      agentKey: scope.agentKey,
    };
    if (scope.registration !== undefined) filter.registration = scope.registration;
    return filter;
  }
}

function toDocument(doc: DocumentDoc): DocumentRecord {
  return {
    kind: doc.kind,
    activityId: doc.activityId,
    agentKey: doc.agentKey,
    registration: doc.registration,
    documentId: doc.documentId,
    content: toBuffer(doc.content),
    contentType: doc.contentType,
    etag: doc.etag,
    updatedAt: doc.updatedAt,
  };
}
