import { Router } from 'express';
import { requireScope, storeOf } from '../auth';
import { NEEDED } from '../scopes';
import { agentParam, singleParams } from './document-params';
import { agentKey } from './model';

type Json = Record<string, unknown>;

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/**
 * `GET /agents` (xAPI 1.0.3 Communication 2.4): the Person this LRS knows
 * for an agent. The LRS links no identities to each other, so a Person holds
 * the agent's one identifier and every name it was given: in the request and
 * in the latest statement about it. Needs a scope that reads every statement.
 */
export function agentsRouter(): Router {
  const router = Router();
  router.get('/agents', requireScope(NEEDED.readDefinitions), async (req, res) => {
    const store = storeOf(res);
    const { agent, key } = agentParam(singleParams(req.query as Record<string, unknown>, ['agent']));
    const [latest] = await store.queryStatements({ agentKey: key, ascending: false, limit: 1 });
    const names = new Set<string>();
    if (typeof agent.name === 'string') names.add(agent.name);
    const stored = latest && agentIn(latest.statement, key);
    if (typeof stored?.name === 'string') names.add(stored.name);
    res.json(person(agent, [...names]));
  });
  return router;
}

/** The agent with identity `key` as the statement's actor or object. */
function agentIn(statement: Json, key: string): Json | undefined {
  return [statement.actor, statement.object].find(
    (candidate): candidate is Json => agentKey(candidate) === key,
  );
}

function person(agent: Json, names: string[]): Json {
  const result: Json = { objectType: 'Person' };
  if (names.length > 0) result.name = names;
  for (const ifi of IFI_KEYS) {
    if (agent[ifi] !== undefined) result[ifi] = [agent[ifi]];
  }
  return result;
}
