import type { Request, RequestHandler, Response } from 'express';
import { authenticate, principalOf, requireScope } from './auth';
import type { Clock } from './clock';
import { NEEDED } from './scopes';
import { DuplicateStatementIdError, type StoreRoot } from './store/types';
import { AUTHORITY_HOME_PAGE } from './xapi/statements';
import { completeStatement, toRecord, validateStatement } from './xapi/model';

/**
 * The authority of the statements the host player records from a SCORM
 * package's runtime data: the host, which translated them, not the package.
 */
export const HOST_AUTHORITY = {
  objectType: 'Agent',
  name: 'SMART host player',
  account: { homePage: AUTHORITY_HOME_PAGE, name: 'host' },
};

/**
 * What the LRS offers the host player mounted at `/host` (the player's
 * `HostLrs`, player/src/host/host-lrs.ts), put on `res.locals.hostLrs`:
 * admin authentication for uploads, the registry for play pages, and
 * storing the statements translated from runtime data.
 */
export function hostServices(root: StoreRoot, clock: Clock): RequestHandler {
  const services = {
    async authenticateAdmin(request: Request, response: Response): Promise<{ storeId: string }> {
      await run(authenticate(root), request, response);
      await run(requireScope(NEEDED.smartAdmin), request, response);
      return { storeId: principalOf(response).storeId };
    },

    async findLearner(storeId: string, nip: string): Promise<{ name: string } | undefined> {
      const employee = await root.store(storeId).getEmployee(nip);
      return employee ? { name: employee.name } : undefined;
    },

    /** First report wins: ids already stored are skipped, whatever their timestamp says. */
    async recordStatements(storeId: string, statements: readonly object[]): Promise<{ stored: number }> {
      const store = root.store(storeId);
      const stored = clock.now().toISOString();
      for (let round = 0; ; round += 1) {
        const ids = statements.map((statement) => (statement as { id: string }).id);
        const known = new Set((await store.getStatements(ids)).map((record) => record.id));
        const records = statements
          .filter((statement) => !known.has((statement as { id: string }).id))
          .map((statement, index) => {
            validateStatement(statement, `host statement [${index}]`);
            return toRecord(completeStatement(statement, { stored, authority: HOST_AUTHORITY }));
          });
        if (records.length === 0) return { stored: 0 };
        try {
          await store.insertStatements(records, [], [], { define: true });
          return { stored: records.length };
        } catch (error) {
          // A concurrent resend stored some of them first: look again once.
          if (!(error instanceof DuplicateStatementIdError) || round > 0) throw error;
        }
      }
    },
  };
  return (_request, response, next) => {
    response.locals.hostLrs = services;
    next();
  };
}

/** Runs one middleware to its `next`, as a promise. */
function run(handler: RequestHandler, request: Request, response: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void Promise.resolve(handler(request, response, (error?: unknown) => (error ? reject(error) : resolve()))).catch(reject);
  });
}
