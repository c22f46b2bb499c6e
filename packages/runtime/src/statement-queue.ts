import type { Statement } from '@xapi/xapi';
import { warnOnce } from './warnings';

/** The part of the Web Storage API the queue uses; `localStorage` in a browser. */
export type QueueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * Statements waiting for one LRS, oldest first, kept in Web Storage under
 * one key per LRS so that a statement survives a closed page and is sent
 * by the next session. Every change reads the stored list again before
 * writing, so two tabs of the same LRS do not drop each other's statements.
 * Without usable storage (private mode, quota full) the queue lives in
 * memory for the page's lifetime.
 */
export class StatementQueue {
  private memory: Statement[] | null = null;

  constructor(
    private readonly storage: QueueStorage | null,
    private readonly key: string,
  ) {
    if (storage === null) this.memory = [];
  }

  list(): Statement[] {
    if (this.memory !== null) return this.memory;
    try {
      const stored: unknown = JSON.parse(this.storage!.getItem(this.key) ?? '[]');
      return Array.isArray(stored) ? (stored as Statement[]) : [];
    } catch {
      return [];
    }
  }

  add(statement: Statement): void {
    const list = this.list();
    if (!list.some((queued) => queued.id === statement.id)) this.write([...list, statement]);
  }

  remove(id: string | undefined): void {
    this.write(this.list().filter((queued) => queued.id !== id));
  }

  private write(list: Statement[]): void {
    if (this.memory !== null) {
      this.memory = list;
      return;
    }
    try {
      this.storage!.setItem(this.key, JSON.stringify(list));
    } catch (error) {
      warnOnce(
        'statement-queue-not-stored',
        this.key,
        `Statements waiting for the LRS could not be kept in the browser's storage (${error instanceof Error ? error.message : String(error)}); ` +
          'they are kept on this page only and are lost if it closes before the LRS is reached.',
      );
      this.memory = list;
    }
  }
}

/** `localStorage`, or null where a browser refuses it (sandboxed frames, some private modes) or outside a browser. */
export function defaultQueueStorage(): QueueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
