import { z } from 'zod';
import { InvalidNipError, parseNip } from '@smart-training/core';
import { InvalidRequestError, UnprocessableError } from '../errors';
import type { EmployeeRecord, Store } from '../store/types';
import { firstIssue } from './course-schema';

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
  const parsed = registrySchema.safeParse(body);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new InvalidRequestError(
      `registry property "${path}" ${message}`,
      `properti data pegawai "${path}" tidak valid (${message})`,
      'invalid_registry',
    );
  }
  const employees: EmployeeRecord[] = parsed.data.employees.map((employee, row) => {
    checkNip(employee.nip, row);
    const { nip, name, unit } = employee;
    return { nip, name, unit, position: employee.position ?? null };
  });
  return store.upsertEmployees(employees);
}

function checkNip(nip: string, row: number): void {
  try {
    parseNip(nip);
  } catch (error) {
    if (!(error instanceof InvalidNipError)) throw error;
    throw new UnprocessableError(
      'invalid_nip',
      `Row ${row + 1} (employees[${row}]): ${error.message} Correct the row and upload again; nothing was saved.`,
      `Baris ${row + 1} (employees[${row}]): ${error.messageId} Perbaiki baris tersebut lalu unggah ulang; belum ada yang disimpan.`,
    );
  }
}
