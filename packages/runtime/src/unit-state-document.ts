import type XAPI from '@xapi/xapi';
import type { Agent } from '@xapi/xapi';
import { PROFILE_IRI } from '@smart-training/xapi';
import { warnOnce } from './warnings';

/** The state document id the unit keeps its own state under (an AU-defined document in cmi5 terms). */
export const UNIT_STATE_ID = `${PROFILE_IRI}/state/unit`;

/** What a cmi5 or xAPI host remembers between sessions of one registration. */
export interface UnitState {
  /** The unit's progress state, as given to `saveProgress`. */
  progress: string | null;
  /** The raw score of the pass reported to the LMS; null before any pass. */
  passedScore: number | null;
  /** Whether `completed` was sent; cmi5 allows it once per registration. */
  completed: boolean;
}

/** Where the document lives: the learner, the activity and the registration of the launch. */
export interface StateAddress {
  agent: Agent;
  activityId: string;
  registration?: string;
}

/**
 * The unit's state document in an LRS's state API: read once at start,
 * written when the unit reports a result and, for progress, at most once
 * per interval. Failures are warned about, never thrown: the LRS of the
 * SMART engine still holds every result.
 */
export class UnitStateDocument {
  private state: UnitState = { progress: null, passedScore: null, completed: false };
  private pendingSave: ReturnType<typeof setTimeout> | null = null;
  private lastSaveAt = 0;

  constructor(
    private readonly xapi: XAPI,
    private readonly address: StateAddress,
    private readonly saveIntervalMs: number,
  ) {}

  get current(): Readonly<UnitState> {
    return this.state;
  }

  async load(): Promise<void> {
    try {
      const answer = await this.xapi.getState({ ...this.address, stateId: UNIT_STATE_ID });
      this.state = readUnitState(answer.data);
    } catch (error) {
      // A first launch has no document: the LRS answers 404.
      if (statusOf(error) !== 404) this.warn('read', error);
    }
  }

  /** Changes the state and saves it within the interval. */
  update(change: Partial<UnitState>): void {
    this.state = { ...this.state, ...change };
    if (this.pendingSave !== null) return;
    const wait = Math.max(0, this.lastSaveAt + this.saveIntervalMs - Date.now());
    this.pendingSave = setTimeout(() => void this.saveNow(), wait);
  }

  /** Changes the state and saves it at once. */
  async saveNow(change: Partial<UnitState> = {}): Promise<void> {
    this.state = { ...this.state, ...change };
    if (this.pendingSave !== null) clearTimeout(this.pendingSave);
    this.pendingSave = null;
    this.lastSaveAt = Date.now();
    try {
      await this.xapi.setState({
        ...this.address,
        stateId: UNIT_STATE_ID,
        state: { ...this.state },
        contentType: 'application/json',
      });
    } catch (error) {
      this.warn('write', error);
    }
  }

  private warn(operation: 'read' | 'write', error: unknown): void {
    warnOnce(
      'lrs-state-failed',
      `${operation}:${this.address.activityId}`,
      `The unit's state document could not be ${operation === 'read' ? 'read from' : 'written to'} the LMS's LRS ` +
        `(${error instanceof Error ? error.message : String(error)}); the learner's progress may not resume on the next launch.`,
    );
  }
}

function readUnitState(data: unknown): UnitState {
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  return {
    progress: typeof record.progress === 'string' ? record.progress : null,
    passedScore: typeof record.passedScore === 'number' ? record.passedScore : null,
    completed: record.completed === true,
  };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
