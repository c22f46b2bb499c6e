/*
 * What a credential may do: the xAPI scopes (xAPI 1.0.3 Communication 4.2,
 * "OAuth Scope") and the SMART ones, and the presets the credential kinds
 * stand for (docs/decisions/0004-stores-and-scopes.md).
 */

/** The scopes xAPI defines, in the spec's words. */
export const XAPI_SCOPES = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'define',
  'profile',
  'all/read',
  'all',
] as const;

/** `smart/admin`: courses, registry, summaries; `smart/launch`: open learner sessions. */
export const SMART_SCOPES = ['smart/admin', 'smart/launch'] as const;

export type XapiScope = (typeof XAPI_SCOPES)[number];
export type SmartScope = (typeof SMART_SCOPES)[number];
export type Scope = XapiScope | SmartScope;

export const SCOPES: readonly Scope[] = [...XAPI_SCOPES, ...SMART_SCOPES];

/** The scopes each credential kind is created with. */
export const PRESETS = {
  admin: ['all', 'smart/admin'],
  launch: ['smart/launch'],
  // What the course unit needs: its learner's statements and state. The
  // learner binding narrows each further (own actor, the unit's verbs).
  session: ['statements/write', 'statements/read/mine', 'state'],
} as const satisfies Record<string, readonly Scope[]>;

/** The scopes that grant a read of everything an xAPI read scope covers. */
const READ_ALL: readonly Scope[] = ['all/read', 'all'];

/**
 * The scopes that let a credential make each kind of call: any one of them
 * suffices. `all` grants every xAPI call, `all/read` every xAPI read; neither
 * grants the SMART calls, which have their own scopes.
 */
export const NEEDED = {
  writeStatements: ['statements/write', 'all'],
  /** Every statement of the store. */
  readStatements: ['statements/read', ...READ_ALL],
  /** At least the caller's own statements. */
  readOwnStatements: ['statements/read', 'statements/read/mine', ...READ_ALL],
  readState: ['state', ...READ_ALL],
  writeState: ['state', 'all'],
  readProfile: ['profile', ...READ_ALL],
  writeProfile: ['profile', 'all'],
  /** Activity definitions and agent Persons, which are read out of the statements. */
  readDefinitions: ['statements/read', ...READ_ALL],
  /** Statements update the stored activity definitions. */
  define: ['define', 'all'],
  smartAdmin: ['smart/admin'],
  openSession: ['smart/launch', 'smart/admin'],
} as const satisfies Record<string, readonly Scope[]>;

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Whether `granted` holds at least one of `anyOf`. */
export function grants(granted: ReadonlySet<Scope>, anyOf: readonly Scope[]): boolean {
  return anyOf.some((scope) => granted.has(scope));
}

/**
 * Parses a comma-separated scope list (`statements/write,state`), throwing
 * an error that names the unknown entries and the known scopes.
 */
export function parseScopes(list: string): Scope[] {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const unknown = entries.filter((entry) => !isScope(entry));
  if (unknown.length > 0) {
    throw new Error(`Unknown scope ${unknown.map((entry) => `"${entry}"`).join(', ')}; use any of ${SCOPES.join(', ')}.`);
  }
  if (entries.length === 0) throw new Error(`Give at least one scope: any of ${SCOPES.join(', ')}.`);
  return [...new Set(entries as Scope[])];
}
