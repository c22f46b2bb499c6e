import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import type { Course } from '@smart-training/core';
import { courseSummary, packSummary } from './cli/summary';
import { PACKAGE_FORMATS, type PackageFormat } from './package/formats';
import { PackError, packCourse, type LrsSettings } from './package/pack-course';
import { problemReport } from './cli/report';
import { SourceProblemsError, type SourceProblem } from './problems';
import { PublishError, publishCourse, publishRegistry } from './publish';
import { loadRegistry } from './registry';
import { loadCourse } from './source/load-course';

/* The `smart-author` command: validate, pack and publish course sources. */

interface LrsFlags {
  lrs: string;
  key: string;
  secret: string;
}

const program = new Command('smart-author')
  .description('Validate SMART Training course sources, pack them as SCORM, cmi5 and xAPI packages and publish them to the LRS.')
  .showHelpAfterError();

program
  .command('validate')
  .description('check a course source folder and summarise its bank')
  .argument('<dir>', 'course source folder (holds course.yaml)')
  .action(async (dir: string) => {
    const course = await loadReportingWarnings(dir);
    console.log(courseSummary(course));
  });

withLrsFlags(
  program
    .command('pack')
    .description('write one zip per format (all four unless --format says otherwise); answer keys stay out of the packages')
    .argument('<dir>', 'course source folder (holds course.yaml)')
    .addOption(
      new Option('--format <formats>', 'comma-separated: scorm12, scorm2004 (4th edition), cmi5, xapi (tincan.xml)')
        .argParser(parseFormats)
        .default([...PACKAGE_FORMATS], PACKAGE_FORMATS.join(',')),
    )
    .option('--out <dir>', 'folder for the zips', 'dist/packages')
    .option('--unit-dir <dir>', 'folder of the unit bundles smart-unit.js and smart-unit-cmi5.js (default: dist/unit from `npm run build`)'),
).action(async (dir: string, flags: LrsFlags & { format: PackageFormat[]; out: string; unitDir?: string }) => {
  const course = await loadReportingWarnings(dir);
  const bar = new SingleBar({ format: 'packing [{bar}] {value}/{total} {file}', hideCursor: true });
  let started = false;
  const packing = packCourse(course, {
    formats: flags.format,
    outDir: flags.out,
    lrs: lrsOf(flags),
    unitDir: flags.unitDir,
    sourceDir: dir,
    onProgress: (done, total, file) => {
      if (!started) bar.start(total, 0, { file });
      started = true;
      bar.update(done, { file });
    },
  });
  const results = await packing.finally(() => started && bar.stop());
  console.log(packSummary(results));
});

withLrsFlags(
  program
    .command('publish')
    .description('send the full course, bank included, to the LRS (admin credential)')
    .argument('<dir>', 'course source folder (holds course.yaml)'),
).action(async (dir: string, flags: LrsFlags) => {
  const course = await loadReportingWarnings(dir);
  const published = await publishCourse(course, lrsOf(flags));
  console.log(`Published ${published.id} ${published.version} with ${published.items} item(s) to ${flags.lrs}`);
});

withLrsFlags(
  program
    .command('registry')
    .description('add or update the employees of a registry CSV (nip,name,unit,position) in the LRS')
    .argument('<csv>', 'registry CSV file'),
).action(async (csv: string, flags: LrsFlags) => {
  const employees = await withProblemsUnder(path.dirname(csv), loadRegistry(csv));
  const { added, updated } = await publishRegistry(employees, lrsOf(flags));
  console.log(`Registry of ${employees.length} employee(s) sent: ${added} added, ${updated} updated`);
});

function withLrsFlags(command: Command): Command {
  return command
    .requiredOption('--lrs <url>', 'LRS endpoint, e.g. https://lrs.example.go.id')
    .requiredOption('--key <key>', 'credential key')
    .requiredOption('--secret <secret>', 'credential secret');
}

function lrsOf(flags: LrsFlags): LrsSettings {
  return { endpoint: flags.lrs, key: flags.key, secret: flags.secret };
}

/** The formats named, each once, in the order PACKAGE_FORMATS lists them. */
function parseFormats(value: string): PackageFormat[] {
  const named = value.split(',').map((format) => format.trim());
  const unknown = named.filter((format) => !(PACKAGE_FORMATS as readonly string[]).includes(format));
  if (unknown.length > 0) {
    const shown = unknown.map((format) => (format === '' ? '(empty)' : format)).join(', ');
    throw new InvalidArgumentError(`use ${PACKAGE_FORMATS.join(', ')} (comma-separated), not ${shown}`);
  }
  return PACKAGE_FORMATS.filter((format) => named.includes(format));
}

/** A failure already worded for the terminal. */
class CliFailure extends Error {}

/** Loads the course; prints its warnings, or its errors and warnings when it does not load. */
async function loadReportingWarnings(dir: string): Promise<Course> {
  const warnings: SourceProblem[] = [];
  const loading = loadCourse(dir, { onWarning: (warning) => warnings.push(warning) });
  const course = await withProblemsUnder(dir, loading, warnings);
  if (warnings.length > 0) console.warn(problemReport(dir, [], warnings).join('\n'));
  return course;
}

/** Reports source problems with paths the terminal and editors can open from the working directory. */
async function withProblemsUnder<T>(
  base: string,
  loading: Promise<T>,
  warnings: readonly SourceProblem[] = [],
): Promise<T> {
  try {
    return await loading;
  } catch (error) {
    if (!(error instanceof SourceProblemsError)) throw error;
    const report = problemReport(base, error.problems, warnings);
    throw new CliFailure(`${report.join('\n')}; nothing was written or sent.`);
  }
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CliFailure || error instanceof PackError || error instanceof PublishError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
