import { z } from 'zod';
import { InvalidNipError } from '@smart-training/core';
import { UnprocessableError } from '../errors';
import type { EmployeeRecord, Store } from '../store/types';
import { wellFormedNip } from './learners';
import { parseBody, type BodyShape } from './request-body';

const REGISTRY_BODY: BodyShape = {
  code: 'invalid_registry',
  field: { en: 'registry property', id: 'properti data pegawai' },
  expected: {
    en: 'JSON {"employees": [{"nip": …, "name": …, "unit": …}]}',
    id: 'JSON {"employees": [{"nip": …, "name": …, "unit": …}]}',
  },
};

const registrySchema = z.object({
  employees: z
    .array(
      z.object({
        nip: z.string(),
        name: z.string().trim().min(1),
        unit: z.string().trim().min(1),
        position: z.string().trim().min(1).optional(),
      }),
    )
    .min(1),
});

/**
 * Adds employees to the registry or updates them, all or none: one row with
 * a malformed NIP refuses the whole upload, naming the row.
 */
export async function upsertRegistry(
  store: Store,
  body: unknown,
): Promise<{ added: number; updated: number }> {
  const { employees } = parseBody(registrySchema, body, REGISTRY_BODY);
  const records: EmployeeRecord[] = employees.map((employee, row) => {
    const { name, unit } = employee;
    return { nip: rowNip(employee.nip, row), name, unit, position: employee.position ?? null };
  });
  return store.upsertEmployees(records);
}

/** The row's NIP as sessions look it up: printed spaces and dots removed, and well formed. */
function rowNip(raw: string, row: number): string {
  try {
    return wellFormedNip(raw);
  } catch (error) {
    if (!(error instanceof InvalidNipError)) throw error;
    throw new UnprocessableError(
      'invalid_nip',
      `Row ${row + 1} (employees[${row}]): ${error.message} Correct the row and upload again; nothing was saved.`,
      `Baris ${row + 1} (employees[${row}]): ${error.messageId} Perbaiki baris tersebut lalu unggah ulang; belum ada yang disimpan.`,
    );
  }
}
