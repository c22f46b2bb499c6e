import { openSqliteRoot } from '../src/store/sqlite-root';
import { describeStoreContract } from './store-contract';

describeStoreContract(
  'SQLite',
  async () => openSqliteRoot(':memory:'),
  (root) => root.close(),
);
