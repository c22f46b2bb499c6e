import { describe, expect, it } from 'vitest';
import { InvalidNipError, isWellFormedNip, parseNip, type NipPart } from '../src/index';

function blamedPart(nip: string): { part: NipPart; message: string; messageId: string } {
  try {
    parseNip(nip);
  } catch (error) {
    if (error instanceof InvalidNipError) {
      return { part: error.part, message: error.message, messageId: error.messageId };
    }
    throw error;
  }
  throw new Error(`expected ${nip} to be refused`);
}

describe('parseNip', () => {
  it('splits a male NIP into birth date, TMT CPNS, gender and serial', () => {
    expect(parseNip('198503102010011001')).toEqual({
      birthDate: '1985-03-10',
      appointment: '2010-01',
      gender: 'male',
      serial: '001',
    });
  });

  it('reads gender digit 2 as female and keeps the serial as written', () => {
    expect(parseNip('199202292019032999')).toMatchObject({ gender: 'female', serial: '999' });
  });

  it('refuses a number that is not 18 digits long, saying how many it has', () => {
    const problem = blamedPart('19850310201001100');
    expect(problem.part).toBe('length');
    expect(problem.message).toContain('17 digits');
    expect(problem.messageId).toContain('17 angka');
    expect(blamedPart('1985031020100110011').part).toBe('length');
    expect(blamedPart('').part).toBe('length');
  });

  it('refuses letters, spaces and punctuation', () => {
    expect(blamedPart('19850310 201001 1 001').part).toBe('digits');
    expect(blamedPart('19850310201001100A').part).toBe('digits');
    expect(blamedPart('198503102010011001\n').part).toBe('digits');
  });

  it('refuses a birth date that is not on the calendar', () => {
    expect(blamedPart('198502302010011001').part).toBe('birth_date'); // 30 February
    expect(blamedPart('198513102010011001').part).toBe('birth_date'); // month 13
    expect(blamedPart('198503002010011001').part).toBe('birth_date'); // day 0
    expect(blamedPart('199102292019031001').part).toBe('birth_date'); // 1991 is no leap year
    expect(blamedPart('000001012010011001').part).toBe('birth_date'); // year 0000
  });

  it('refuses an appointment month outside 01-12', () => {
    expect(blamedPart('198503102010001001').part).toBe('appointment');
    expect(blamedPart('198503102010131001').part).toBe('appointment');
  });

  it('refuses an appointment before the birth year plus 18 and accepts that year', () => {
    const early = blamedPart('198503102002011001');
    expect(early.part).toBe('appointment');
    expect(early.message).toContain('2003');
    expect(early.messageId).toContain('2003');
    expect(parseNip('198503102003011001').appointment).toBe('2003-01');
  });

  it('refuses an appointment after the year 2100', () => {
    expect(blamedPart('198503102101011001').part).toBe('appointment');
    expect(parseNip('198503102100121001').appointment).toBe('2100-12');
  });

  it('refuses a gender digit other than 1 or 2', () => {
    for (const digit of ['0', '3', '9']) {
      const problem = blamedPart(`19850310201001${digit}001`);
      expect(problem.part).toBe('gender');
      expect(problem.message).toContain('digit 15');
    }
  });

  it('refuses serial 000', () => {
    const problem = blamedPart('198503102010011000');
    expect(problem.part).toBe('serial');
    expect(problem.messageId).toContain('nomor urut');
  });
});

describe('isWellFormedNip', () => {
  it('accepts a well-formed NIP and refuses malformed ones', () => {
    expect(isWellFormedNip('198503102010011001')).toBe(true);
    expect(isWellFormedNip('198503102010013001')).toBe(false);
    expect(isWellFormedNip('1985')).toBe(false);
  });
});
