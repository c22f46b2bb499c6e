import type { ClientSession } from 'mongoose';
import { definedActivities, mergeDefinition } from '../../xapi/activity-definition';
import { agentKey } from '../../xapi/model';
import { DuplicateStatementIdError, type StatementQuery, type StatementRecord } from '../types';
import type { ActivityDoc, MongoModels, StatementDoc } from './models';

type Filter = Record<string, unknown>;

/** Whether `error` is MongoDB's duplicate key error (a unique index refused the write). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Allocates `count` consecutive numbers of the store's sequence `name` and
 * answers the first. Run inside a transaction: two writers racing for the
 * counter conflict and the driver retries one of them.
 */
export async function allocate(
  models: MongoModels,
  session: ClientSession,
  counter: string,
  count: number,
): Promise<number> {
  const updated = await models.counters
    .findOneAndUpdate({ _id: counter }, { $inc: { value: count } }, { upsert: true, returnDocument: 'after', session })
    .lean();
  return updated!.value - count + 1;
}

/** One store's statements and the activity definitions projected from them. */
export class MongoStatements {
  constructor(
    private readonly models: MongoModels,
    private readonly storeId: string,
  ) {}

  /** Writes the statements in `session`'s transaction; `define`: whether their activity definitions are taken up. */
  async write(session: ClientSession, statements: readonly StatementRecord[], define: boolean): Promise<void> {
    if (statements.length === 0) return;
    let seq = await allocate(this.models, session, `${this.storeId}/statements`, statements.length);
    for (const statement of statements) {
      try {
        await this.models.statements.create([toDoc(this.storeId, seq, statement)], { session });
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateStatementIdError(statement.id);
        throw error;
      }
      seq += 1;
      if (define) await this.project(session, statement.statement);
    }
  }

  async markVoided(session: ClientSession, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.models.statements.updateMany(
      { storeId: this.storeId, id: { $in: [...ids] } },
      { $set: { voided: true } },
      { session },
    );
  }

  async get(ids: readonly string[]): Promise<StatementRecord[]> {
    if (ids.length === 0) return [];
    const found = await this.models.statements.find({ storeId: this.storeId, id: { $in: [...ids] } }).lean<StatementDoc[]>();
    const byId = new Map(found.map((doc) => [doc.id, doc]));
    return ids.flatMap((id) => {
      const doc = byId.get(id);
      return doc === undefined ? [] : [toStatement(doc)];
    });
  }

  async query(query: StatementQuery): Promise<StatementRecord[]> {
    const own: Filter[] = [{ storeId: this.storeId }, { voided: false }];
    if (query.actorKey !== undefined) own.push({ actorKey: query.actorKey });
    if (query.authorityKey !== undefined) own.push({ authorityKey: query.authorityKey });
    if (query.since !== undefined) own.push({ stored: { $gt: query.since } });
    if (query.until !== undefined) own.push({ stored: { $lte: query.until } });
    if (query.after !== undefined) {
      const beyond = query.ascending ? '$gt' : '$lt';
      own.push({
        $or: [
          { stored: { [beyond]: query.after.stored } },
          { stored: query.after.stored, seq: { [beyond]: query.after.position } },
        ],
      });
    }
    // Filters a statement also meets through the statement it targets.
    const filters: Filter[] = [];
    if (query.agentKey !== undefined) {
      filters.push(
        query.relatedAgents
          ? { relatedAgents: query.agentKey }
          : { $or: [{ actorKey: query.agentKey }, { objectAgentKey: query.agentKey }] },
      );
    }
    if (query.verbId !== undefined) filters.push({ verbId: query.verbId });
    if (query.activityId !== undefined) {
      filters.push(query.relatedActivities ? { relatedActivities: query.activityId } : { activityId: query.activityId });
    }
    if (query.registration !== undefined) filters.push({ registration: query.registration });

    const matching =
      filters.length === 0
        ? own
        : [...own, { $or: [{ $and: filters }, { targetStatementId: { $in: await this.targeting(filters) } }] }];
    const direction = query.ascending ? 1 : -1;
    const found = await this.models.statements
      .find({ $and: matching })
      .sort({ stored: direction, seq: direction })
      .limit(query.limit)
      .lean<StatementDoc[]>();
    return found.map(toStatement);
  }

  /**
   * Ids of the statements that match `filters` and are the target of a
   * StatementRef, followed through chains of references. Referring statements
   * are few, so the search starts from them.
   */
  private async targeting(filters: Filter[]): Promise<string[]> {
    const referenced = (await this.models.statements.distinct('targetStatementId', {
      storeId: this.storeId,
      targetStatementId: { $ne: null },
    })) as string[];
    if (referenced.length === 0) return [];
    const ids = (found: { id: string }[]) => found.map((doc) => doc.id);
    let frontier = ids(
      await this.models.statements
        .find({ $and: [{ storeId: this.storeId }, { id: { $in: referenced } }, ...filters] }, { id: 1 })
        .lean<{ id: string }[]>(),
    );
    const targeted = new Set(frontier);
    while (frontier.length > 0) {
      const referring = await this.models.statements
        .find({ storeId: this.storeId, targetStatementId: { $in: frontier } }, { id: 1 })
        .lean<{ id: string }[]>();
      frontier = ids(referring).filter((id) => !targeted.has(id));
      for (const id of frontier) targeted.add(id);
    }
    return [...targeted];
  }

  async activityDefinition(activityId: string): Promise<Record<string, unknown> | undefined> {
    const found = await this.models.activities.findOne({ storeId: this.storeId, id: activityId }).lean<ActivityDoc>();
    return found === null ? undefined : (JSON.parse(found.definitionJson) as Record<string, unknown>);
  }

  /** Folds the definitions `statement` gives into the projection, in the statement's transaction. */
  private async project(session: ClientSession, statement: Record<string, unknown>): Promise<void> {
    for (const { id, definition } of definedActivities(statement)) {
      const known = await this.models.activities
        .findOne({ storeId: this.storeId, id })
        .session(session)
        .lean<ActivityDoc>();
      const merged = JSON.stringify(
        mergeDefinition(known === null ? undefined : (JSON.parse(known.definitionJson) as Record<string, unknown>), definition),
      );
      if (merged === known?.definitionJson) continue;
      await this.models.activities.updateOne(
        { storeId: this.storeId, id },
        { $set: { definitionJson: merged } },
        { upsert: true, session },
      );
    }
  }
}

function toDoc(storeId: string, seq: number, statement: StatementRecord): StatementDoc {
  return {
    storeId,
    seq,
    id: statement.id,
    stored: statement.stored,
    timestamp: statement.timestamp,
    verbId: statement.verbId,
    actorKey: statement.actorKey,
    objectAgentKey: statement.objectAgentKey,
    activityId: statement.activityId,
    targetStatementId: statement.targetStatementId,
    authorityKey: agentKey(statement.statement.authority),
    registration: statement.registration,
    relatedAgents: statement.relatedAgentKeys,
    relatedActivities: statement.relatedActivityIds,
    voided: statement.voided,
    statementJson: JSON.stringify(statement.statement),
  };
}

function toStatement(doc: StatementDoc): StatementRecord {
  return {
    id: doc.id,
    stored: doc.stored,
    timestamp: doc.timestamp,
    verbId: doc.verbId,
    actorKey: doc.actorKey ?? null,
    objectAgentKey: doc.objectAgentKey ?? null,
    activityId: doc.activityId ?? null,
    targetStatementId: doc.targetStatementId ?? null,
    registration: doc.registration ?? null,
    relatedAgentKeys: doc.relatedAgents,
    relatedActivityIds: doc.relatedActivities,
    voided: doc.voided,
    statement: JSON.parse(doc.statementJson) as Record<string, unknown>,
    position: doc.seq,
  };
}
