/**
 * `npm start`: the LRS on ./data with the example course, packed and playable.
 * Prints where to go; stops cleanly on Ctrl+C.
 */
import path from 'node:path';
import { CourseSourceError, PublishError } from '@smart-training/authoring';
import { REPO_ROOT, startDemo } from './demo';

const port = Number(process.env.PORT ?? 8787);
const dataDir = path.resolve(process.env.SMART_DATA_DIR ?? path.join(REPO_ROOT, 'data'));

try {
  const demo = await startDemo({ dataDir, port, host: process.env.HOST ?? '127.0.0.1' });
  const sample = demo.employees.slice(0, 4);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

  console.log(`
SMART Training Kit is running (data in ${dataDir}).

  Host page (learners):     ${demo.urls.host}
  Evaluator console:        ${demo.urls.console}
  xAPI endpoint:            ${demo.urls.xapi}
  SMART assessment API:     ${demo.urls.smart}

  Admin credential (console and APIs, this machine only):
    key:    ${demo.admin.key}
    secret: ${demo.admin.secret}

  Course "${demo.course.title.id}" (${demo.course.id}), ${demo.course.bank.length} items, ${demo.course.jp} JP.
  Packages for an LMS:
${demo.packages.map((p) => `    ${p.format.padEnd(10)} ${p.file} (${kib(p.bytes)})`).join('\n')}

  Sample learners (NIP, from examples/registry/employees.csv):
${sample.map((e) => `    ${e.nip}  ${e.name}`).join('\n')}

Press Ctrl+C to stop.`);

  const stop = async () => {
    console.log('\nStopping: finishing requests in flight...');
    await demo.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof CourseSourceError) {
    console.error(`The example course does not validate:\n${error.message}`);
  } else if (error instanceof PublishError && error.code?.startsWith('course_version_')) {
    console.error(
      `${error.message}\nThe database in ${dataDir} holds an earlier publication of the example course. ` +
        'Bump `version` in examples/berakhlak/course.yaml, or delete that folder to start afresh.',
    );
  } else if (error instanceof PublishError) {
    console.error(`Publishing the example to the LRS failed: ${error.message}`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use. Stop the other process or run with PORT=<free port> npm start.`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
