import mongoose, { type ClientSession, type Connection } from 'mongoose';
import {
  InvalidStoreIdError,
  STORE_ID_PATTERN,
  type CredentialRecord,
  type Store,
  type StoreRoot,
} from '../types';
import { defineModels, type CredentialDoc, type MongoModels } from './models';
import { toCredential } from './mongo-credentials';
import { MongoStore } from './mongo-store';

/** Runs `work` in one transaction, retried by the driver on transient conflicts. */
export type RunInTransaction = <T>(work: (session: ClientSession) => Promise<T>) => Promise<T>;

/**
 * Connects to the MongoDB database named in `uri` and answers the root of its
 * stores, creating collections and indexes when missing. Several LRS
 * processes may share one database: every multi-document write is a
 * transaction, so the server must be a replica set (a single-node one is
 * enough) or a sharded cluster.
 *
 * @example
 * const root = await openMongoRoot('mongodb://127.0.0.1:27017/lrs?replicaSet=rs0');
 * const store = root.store('bpsdm-kemendagri');
 */
export async function openMongoRoot(uri: string): Promise<StoreRoot> {
  // promoteBuffers: binary fields come back as Buffers, as the port promises.
  const connection = mongoose.createConnection(uri, { promoteBuffers: true });
  await connection.asPromise().catch(async (error: unknown) => {
    // Stops the driver's server monitoring, which would keep the process alive.
    await connection.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not connect to MongoDB at ${withoutPassword(uri)}: ${reason}. Check MONGODB_URI and that the replica set is running.`,
      { cause: error },
    );
  });
  try {
    await requireTransactions(connection, uri);
    const models = await defineModels(connection);
    return new MongoRoot(connection, models);
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** Transactions need a replica set or mongos; a standalone server refuses them mid-write. */
async function requireTransactions(connection: Connection, uri: string): Promise<void> {
  const hello = (await connection.db!.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
  if (hello.setName !== undefined || hello.msg === 'isdbgrid') return;
  throw new Error(
    `The MongoDB server at ${withoutPassword(uri)} is standalone, and the LRS writes in transactions, which need a replica set. ` +
      'Start mongod with --replSet rs0, run rs.initiate() once in mongosh, and add ?replicaSet=rs0 to MONGODB_URI.',
  );
}

/** `uri` without its user and password, for logs and error messages. */
export function withoutPassword(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//');
}

class MongoRoot implements StoreRoot {
  private readonly views = new Map<string, MongoStore>();

  constructor(
    private readonly connection: Connection,
    private readonly models: MongoModels,
  ) {}

  store(storeId: string): Store {
    if (!STORE_ID_PATTERN.test(storeId)) throw new InvalidStoreIdError(storeId);
    let view = this.views.get(storeId);
    if (view === undefined) {
      view = new MongoStore(this.models, storeId, this.transaction, () => this.close());
      this.views.set(storeId, view);
    }
    return view;
  }

  async findCredential(key: string): Promise<CredentialRecord | undefined> {
    const found = await this.models.credentials.findOne({ key }).lean<CredentialDoc>();
    return found === null ? undefined : toCredential(found);
  }

  async listCredentials(filter: { storeId?: string; sessions?: boolean } = {}): Promise<CredentialRecord[]> {
    const query: Record<string, unknown> = {};
    if (filter.storeId !== undefined) query.storeId = filter.storeId;
    if (!filter.sessions) query.kind = { $ne: 'session' };
    const found = await this.models.credentials.find(query).sort({ createdAt: 1, key: 1 }).lean<CredentialDoc[]>();
    return found.map(toCredential);
  }

  /** Keeps the first revocation time when revoked twice. */
  async revokeCredential(key: string, at: string): Promise<boolean> {
    const revoked = await this.models.credentials.updateOne({ key, revokedAt: null }, { $set: { revokedAt: at } });
    if (revoked.modifiedCount > 0) return true;
    return (await this.models.credentials.countDocuments({ key })) > 0;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private readonly transaction: RunInTransaction = async (work) => {
    const session = await this.connection.startSession();
    try {
      let result: Awaited<ReturnType<typeof work>> | undefined;
      // withTransaction may run `work` again after a transient conflict
      // (another LRS process wrote the same counter or document). Snapshot
      // reads with majority writes make a read-then-write step (the next
      // certificate number) conflict instead of acting on a stale read.
      await session.withTransaction(
        async () => {
          result = await work(session);
        },
        { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } },
      );
      return result as Awaited<ReturnType<typeof work>>;
    } finally {
      await session.endSession();
    }
  };
}
