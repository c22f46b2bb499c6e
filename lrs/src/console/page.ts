import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';

/** The evaluator console's page: the `<smart-console>` element on the LRS's own origin. */
export const CONSOLE_PAGE = `<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Konsol Evaluator SMART</title>
    <script type="module" src="/console/console.js"></script>
    <style>
      body { margin: 0; font-family: system-ui, sans-serif; background: #f6f7f9; color: #1d2430; }
    </style>
  </head>
  <body>
    <smart-console endpoint="">
      <noscript>Konsol ini memerlukan JavaScript. / This console needs JavaScript.</noscript>
    </smart-console>
  </body>
</html>
`;

/**
 * Serves `/console/` (the page) and `/console/console.js` from `consoleDir`
 * (the rollup output, `dist/console`). A missing bundle answers 404 saying
 * how to build it.
 */
export function consoleRouter(consoleDir: string): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-cache').send(CONSOLE_PAGE);
  });
  router.get('/console.js', (_req, res) => {
    const file = path.resolve(consoleDir, 'console.js');
    if (!fs.existsSync(file)) {
      res.status(404).type('text/plain').send(
        `The console bundle is missing at ${file}. Run "npm run build" and reload. / Berkas konsol belum dibuat: jalankan "npm run build" lalu muat ulang.`,
      );
      return;
    }
    res.type('text/javascript').sendFile(file);
  });
  return router;
}
