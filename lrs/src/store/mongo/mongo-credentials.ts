import type { Scope } from '../../scopes';
import type { CredentialRecord, NewCredential } from '../types';
import type { CredentialDoc } from './models';

/** The credential document of a new credential of `storeId`. */
export function toCredentialDoc(storeId: string, credential: NewCredential): CredentialDoc {
  return { ...credential, scopes: [...credential.scopes], storeId, revokedAt: null };
}

/** A credential as the port returns it, without MongoDB's own fields. */
export function toCredential(found: CredentialDoc): CredentialRecord {
  return {
    key: found.key,
    storeId: found.storeId,
    secretHash: found.secretHash,
    kind: found.kind,
    scopes: found.scopes as Scope[],
    courseId: found.courseId ?? null,
    nip: found.nip ?? null,
    label: found.label,
    createdAt: found.createdAt,
    revokedAt: found.revokedAt ?? null,
  };
}
