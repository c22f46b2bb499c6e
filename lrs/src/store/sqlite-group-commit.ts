import type Database from 'better-sqlite3';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive in the same turn of the event loop share
 * one transaction, and so one fsync. With `synchronous = FULL` every commit
 * waits for the disk, which caps separate commits at the disk's fsync rate;
 * concurrent requests would otherwise queue behind each other's fsyncs.
 *
 * Each write runs inside its own SAVEPOINT (a nested better-sqlite3
 * transaction), so a write that throws rolls back alone and fails only its
 * own caller; the others still commit. Every caller's promise settles only
 * after the shared COMMIT has returned: an acknowledged write is on disk.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly rollbackListeners: (() => void)[] = [];

  constructor(private readonly db: Database.Database) {}

  /**
   * Runs `work` (synchronous database writes) in the next group transaction
   * and answers its result once that transaction is committed.
   *
   * @example
   * const id = await writes.run(() => insert.run(row).lastInsertRowid);
   */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Calls `listener` whenever a write is rolled back, alone or with its
   * group: a cache of what the database holds must then forget what that
   * write would have put there.
   */
  onRollback(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  /** Commits every queued write now; the store calls it before closing the database. */
  flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length === 0) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const job of jobs) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(job.work)() });
          } catch (error) {
            // Some errors (a full disk, say) make SQLite roll back the whole
            // transaction, taking the earlier writes with it: fail them all.
            if (!this.db.inTransaction) throw error;
            this.rolledBack();
            outcomes.push({ ok: false, value: error });
          }
        }
      })();
    } catch (error) {
      // The shared COMMIT (or BEGIN) failed: nothing of this group is stored.
      this.rolledBack();
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, index) => {
      const outcome = outcomes[index] as { ok: boolean; value: unknown };
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.value);
    });
  }

  private rolledBack(): void {
    for (const listener of this.rollbackListeners) listener();
  }
}
