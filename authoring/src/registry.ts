import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type Info } from 'csv-parse/sync';
import { InvalidNipError, parseNip } from '@smart-training/core';
import { RegistrySourceError, type SourceProblem } from './problems';

/** A civil servant allowed to enrol, as the LRS's registry holds them. */
export interface Employee {
  /** The 18-digit NIP. */
  nip: string;
  name: string;
  /** Work unit (unit kerja). */
  unit: string;
  position?: string;
}

const REQUIRED_COLUMNS = ['nip', 'name', 'unit'] as const;
const COLUMNS = [...REQUIRED_COLUMNS, 'position'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * Reads an employee registry CSV with a header row naming the columns
 * `nip,name,unit,position` (any order, `position` optional; `,` or `;`
 * separated, as spreadsheets export). Every malformed or duplicate row is
 * reported at once in a {@link RegistrySourceError}.
 *
 * @example
 * const employees = await loadRegistry('examples/registry.csv');
 */
export async function loadRegistry(csvFile: string): Promise<Employee[]> {
  const file = path.basename(csvFile);
  const problems: SourceProblem[] = [];
  const at = (line: number, message: string) => problems.push({ file, line, column: 1, message });

  const rows = parse(await readFile(csvFile, 'utf8'), {
    bom: true,
    delimiter: [',', ';'],
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) at(typeof error.lines === 'number' ? error.lines : 1, `not valid CSV: ${error.message}`);
      return undefined;
    },
    // csv-parse's types do not model the shape `info: true` gives the rows.
  }) as unknown as { record: string[]; info: Info }[];
  const [header, ...records] = rows;
  if (!header) {
    at(1, 'the file is empty; write a header row "nip,name,unit,position" and one row per employee');
    throw new RegistrySourceError(problems);
  }

  const columns = columnIndexes(header.record, (message) => at(header.info.lines, message));
  if (!columns) throw new RegistrySourceError(problems);

  const employees: Employee[] = [];
  const lineOf = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const value = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (record[index] ?? '');
    };
    const employee: Employee = { nip: value('nip'), name: value('name'), unit: value('unit') };
    const position = value('position');
    if (position !== '') employee.position = position;

    const missing = REQUIRED_COLUMNS.filter((column) => employee[column] === '');
    if (missing.length > 0) {
      at(line, `${missing.join(', ')} missing; every row needs nip, name and unit`);
      continue;
    }
    try {
      parseNip(employee.nip);
    } catch (error) {
      if (!(error instanceof InvalidNipError)) throw error;
      at(line, error.message);
      continue;
    }
    const earlier = lineOf.get(employee.nip);
    if (earlier !== undefined) {
      at(line, `NIP ${employee.nip} is already on line ${earlier}; each employee appears once`);
      continue;
    }
    lineOf.set(employee.nip, line);
    employees.push(employee);
  }
  if (problems.length > 0) throw new RegistrySourceError(problems);
  return employees;
}

function columnIndexes(header: string[], report: (message: string) => void): Map<Column, number> | undefined {
  const indexes = new Map<Column, number>();
  let ok = true;
  header.forEach((name, index) => {
    const column = name.toLowerCase();
    if (!isColumn(column)) {
      report(`unknown column "${name}"; the columns are ${COLUMNS.join(', ')}`);
      ok = false;
    } else if (indexes.has(column)) {
      report(`column "${name}" appears twice in the header`);
      ok = false;
    } else {
      indexes.set(column, index);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !indexes.has(column));
  if (missing.length > 0) {
    report(`the header lacks ${missing.join(', ')}; it must name the columns nip, name, unit and optionally position`);
    ok = false;
  }
  return ok ? indexes : undefined;
}

function isColumn(name: string): name is Column {
  return (COLUMNS as readonly string[]).includes(name);
}
