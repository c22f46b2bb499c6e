import fs from 'node:fs';
import { Router } from 'express';

/** What `GET /` lists when no host page is mounted to send people to. */
export interface ServiceIndex {
  name: string;
  version: string;
  endpoints: Record<string, string>;
}

const packageJson = JSON.parse(
  fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { name: string; version: string };

/**
 * The LRS's front door: a person opening the bare address lands on the host
 * page when there is one, a program gets the list of endpoints. Browsers'
 * favicon requests get an empty answer instead of a 404 in the log.
 */
export function rootRouter(mounted: { host: boolean; console: boolean }): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    if (mounted.host) {
      res.redirect(302, '/host/');
      return;
    }
    const index: ServiceIndex = {
      name: packageJson.name,
      version: packageJson.version,
      endpoints: {
        xapi: '/xapi',
        smart: '/smart/v1',
        health: '/health',
        ...(mounted.console ? { console: '/console/' } : {}),
      },
    };
    res.json(index);
  });
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  return router;
}
