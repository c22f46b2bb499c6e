import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { openMongoRoot } from '../src/store/mongo/mongo-root';
import type { StoreRoot } from '../src/store/types';
import { describeStoreContract } from './store-contract';

/*
 * Runs only against a real MongoDB replica set named by MONGODB_URI, e.g.
 * MONGODB_URI=mongodb://127.0.0.1:27017/?replicaSet=rs0 npx vitest run lrs/test/store-contract-mongo.test.ts
 * Each test works in a database of its own, dropped afterwards.
 */
const uri = process.env.MONGODB_URI;
const run = randomUUID().slice(0, 8);
let opened = 0;
const databases = new WeakMap<StoreRoot, string>();

/** `uri` with its database path replaced by `name`, keeping hosts and options. */
function withDatabase(base: string, name: string): string {
  const parts = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(base);
  if (parts === null) throw new Error(`MONGODB_URI "${base}" is not a mongodb:// or mongodb+srv:// URI.`);
  return `${parts[1]}/${name}${parts[2] ?? ''}`;
}

describe.skipIf(uri === undefined)('MongoDB adapter (skipped unless MONGODB_URI names a replica set)', () => {
  describeStoreContract(
    'MongoDB',
    async () => {
      opened += 1;
      const database = withDatabase(uri!, `lrs_contract_${run}_${opened}`);
      const root = await openMongoRoot(database);
      databases.set(root, database);
      return root;
    },
    async (root) => {
      await root.close();
      const connection = await mongoose.createConnection(databases.get(root)!).asPromise();
      await connection.dropDatabase();
      await connection.close();
    },
  );
});

describe('opening the MongoDB adapter', () => {
  it('refuses an unreachable server with a message naming MONGODB_URI and hiding the password', async () => {
    const opening = openMongoRoot('mongodb://operator:s3cret@127.0.0.1:1/lrs?serverSelectionTimeoutMS=200');
    await expect(opening).rejects.toThrow(/Could not connect to MongoDB at mongodb:\/\/127\.0\.0\.1:1\/lrs.*MONGODB_URI/);
    await expect(opening).rejects.not.toThrow(/s3cret/);
  });
});
