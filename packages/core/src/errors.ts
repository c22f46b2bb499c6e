import type { BlueprintCell } from './model';

/**
 * Base of the errors core throws on bad input. `message` is English for logs
 * and API clients; `messageId` is the Indonesian text a learner or author sees.
 */
export abstract class SmartCoreError extends Error {
  /** Stable machine-readable code, e.g. for an API error body. */
  abstract readonly code: string;

  constructor(
    message: string,
    readonly messageId: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Submitted answers that do not fit the form: an unknown item or option, a
 * repeated option, or several options for a one-answer item.
 *
 * @example
 * try { scoreForm(items, answers) } catch (e) {
 *   if (e instanceof InvalidAnswersError) reply(422, e.detail);
 * }
 */
export class InvalidAnswersError extends SmartCoreError {
  readonly code = 'invalid_answers';

  constructor(
    /** Names the offending item and option, e.g. `item "op-001" has no option "z"`. */
    readonly detail: string,
    detailId: string,
  ) {
    super(
      `The answers do not fit the form: ${detail}. Send only option ids of the form's own items, each at most once.`,
      `Jawaban tidak sesuai dengan soal: ${detailId}. Kirim hanya pilihan dari soal pada lembar ini, masing-masing paling banyak satu kali.`,
    );
  }
}

/**
 * The item bank cannot fill a blueprint cell, even when it reuses items the
 * learner has already seen. Authors fix it by writing more items or by
 * lowering the cell's count.
 */
export class BankTooSmallError extends SmartCoreError {
  readonly code = 'bank_too_small';

  constructor(
    readonly testId: string,
    /** The cell as applied, including a material test's implicit material. */
    readonly cell: BlueprintCell,
    /** Matching items left for this cell after the other cells took theirs. */
    readonly available: number,
  ) {
    const missing = cell.count - available;
    super(
      `Test "${testId}" needs ${cell.count} items with ${describeCell(cell, 'en')}, ` +
        `but the bank has only ${available} left for it after the other blueprint cells. ` +
        `Add at least ${missing} such item(s) to the bank or lower the cell's count.`,
      `Tes "${testId}" membutuhkan ${cell.count} soal dengan ${describeCell(cell, 'id')}, ` +
        `tetapi bank soal hanya menyisakan ${available} setelah sel kisi-kisi lainnya. ` +
        `Tambahkan paling sedikit ${missing} soal seperti itu atau kurangi jumlah pada sel tersebut.`,
    );
  }
}

/** The parts of an NIP that {@link InvalidNipError} can blame. */
export type NipPart =
  | 'length'
  | 'digits'
  | 'birth_date'
  | 'appointment'
  | 'gender'
  | 'serial';

/**
 * A string that is not a well-formed 18-digit NIP. `part` says which part is
 * wrong; the messages say what is expected there.
 */
export class InvalidNipError extends SmartCoreError {
  readonly code = 'invalid_nip';

  constructor(
    readonly nip: string,
    readonly part: NipPart,
    message: string,
    messageId: string,
  ) {
    super(message, messageId);
  }
}

const CELL_WORDS = {
  en: { material: 'material', competency: 'competency', difficulty: 'difficulty', and: ' and ' },
  id: { material: 'materi', competency: 'kompetensi', difficulty: 'tingkat kesulitan', and: ' dan ' },
};

function describeCell(cell: BlueprintCell, lang: 'id' | 'en'): string {
  const words = CELL_WORDS[lang];
  const filters: string[] = [];
  if (cell.material !== undefined) filters.push(`${words.material} "${cell.material}"`);
  if (cell.competency !== undefined) filters.push(`${words.competency} "${cell.competency}"`);
  if (cell.difficulty !== undefined) filters.push(`${words.difficulty} "${cell.difficulty}"`);
  if (filters.length > 0) return filters.join(words.and);
  return lang === 'en'
    ? 'any material, competency and difficulty'
    : 'materi, kompetensi dan tingkat kesulitan apa pun';
}
