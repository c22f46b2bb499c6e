import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '@smart-training/core';
import type { StatusView } from '@smart-training/runtime';
import { formatDateTime, formatWindow, toLanguage, zoneAbbreviation } from '../src/i18n';
import { auResult, decidedResult, earlierPass, hostStatusFor } from '../src/unit/host-report';
import { auFocusOf, encodeResumeState, readResumeState, type AuFocus } from '../src/unit/launch-state';
import { presentMedia } from '../src/unit/material-view';
import { stepTarget, testStateOf } from '../src/unit/progress';
import { OUTLINE } from './unit-support';

const offering = { opens: '2026-12-01T00:00:00+07:00', closes: '2026-12-31T23:59:59+07:00', timeZone: 'Asia/Jakarta' };

describe('course unit helpers', () => {
  it('writes the offering window in the offering’s own zone with the Indonesian zone name', () => {
    expect(formatWindow(offering, 'id')).toBe('1 Des 2026, 00.00 WIB – 31 Des 2026, 23.59 WIB');
    expect(formatWindow(offering, 'en')).toBe('1 Dec 2026, 00:00 WIB – 31 Dec 2026, 23:59 WIB');
    expect(formatDateTime('2026-12-01T00:00:00+07:00', 'Asia/Jayapura', 'id')).toBe('1 Des 2026, 02.00 WIT');
    expect(zoneAbbreviation('Asia/Makassar', 'en')).toBe('WITA');
  });

  it('reads any English language tag as English and everything else as Indonesian', () => {
    expect(toLanguage('en-US')).toBe('en');
    expect(toLanguage('id')).toBe('id');
    expect(toLanguage(null)).toBe('id');
  });

  it('tells the LMS passed for a certified learner, failed for not yet competent, incomplete otherwise', () => {
    expect(hostStatusFor('waived')).toBe('passed');
    expect(hostStatusFor('competent')).toBe('passed');
    expect(hostStatusFor('not_yet_competent')).toBe('failed');
    expect(hostStatusFor('in_training')).toBe('incomplete');
    expect(hostStatusFor('not_started')).toBe('incomplete');
  });

  it('gives the LMS a decision made earlier with the score of the deciding attempt, and nothing while undecided', () => {
    const attempt = (testId: string, score: number, outcome: 'passed' | 'failed', n = 1) => ({
      testId,
      kind: testId === 'placement' ? ('placement' as const) : testId === 'final' ? ('final' as const) : ('material' as const),
      attempt: n,
      score,
      outcome,
      at: '2026-12-02T10:00:00+07:00',
    });
    const status = (standing: StatusView['status'], attempts: AttemptRecord[]): StatusView => ({
      courseId: 'berakhlak-2026',
      nip: '198503102010011001',
      name: 'Siti Rahmawati',
      status: standing,
      jpCredited: 0,
      next: null,
      attempts,
      tests: [],
      certificate: null,
    });
    expect(decidedResult(status('waived', [attempt('placement', 92.5, 'passed')]))).toEqual({ scoreRaw: 92.5, status: 'passed' });
    const training = [attempt('placement', 40, 'failed'), attempt('material:akuntabel', 90, 'passed')];
    expect(
      decidedResult(status('competent', [...training, attempt('final', 55, 'failed'), attempt('final', 80, 'passed', 2)])),
    ).toEqual({ scoreRaw: 80, status: 'passed' });
    expect(
      decidedResult(status('not_yet_competent', [...training, attempt('final', 60, 'failed'), attempt('final', 45, 'failed', 2)])),
    ).toEqual({ scoreRaw: 45, status: 'failed' });
    expect(decidedResult(status('in_training', training))).toBeNull();
    expect(decidedResult(status('not_started', []))).toBeNull();
  });

  it('points a next step at the card to highlight', () => {
    expect(stepTarget({ kind: 'material', testId: 'material:akuntabel', materialId: 'akuntabel' })).toBe(
      'material:akuntabel',
    );
    expect(stepTarget({ kind: 'remedial', testId: 'final', materialId: null })).toBe('final');
    expect(stepTarget({ kind: 'certificate' })).toBe('certificate');
    expect(stepTarget(null)).toBeNull();
  });

  it('calls a failed placement not passed and a failed material test remedial', () => {
    const base = { title: { id: 'T' }, passMark: 70, available: false, bestScore: 40, attempts: 1, passed: false };
    expect(testStateOf({ ...base, testId: 'placement', kind: 'placement' })).toBe('not_passed');
    expect(testStateOf({ ...base, testId: 'material:a', kind: 'material' })).toBe('remedial');
    expect(testStateOf(undefined)).toBe('not_started');
  });

  it('plays video files in the page, embeds YouTube without cookies and links everything else', () => {
    const video = (href: string) => presentMedia({ kind: 'video', title: { id: 'V' }, href });
    expect(video('media/a.mp4')).toEqual({ as: 'video', src: 'media/a.mp4' });
    expect(video('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toEqual({
      as: 'embed',
      src: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    });
    expect(video('https://example.org/talk')).toEqual({ as: 'link', href: 'https://example.org/talk' });
    expect(presentMedia({ kind: 'module', title: { id: 'M' }, href: 'modul.pdf' })).toEqual({ as: 'link', href: 'modul.pdf' });
  });

  it('reads back a saved state for the same launch, and refuses one it cannot use with the reason', () => {
    const material = { step: { view: 'material' as const, id: 'akuntabel' }, scroll: 0.35, lang: 'en' as const };
    const saved = encodeResumeState(material);
    expect(saved).toBe('{"v":1,"view":"material","id":"akuntabel","scroll":0.35,"lang":"en"}');
    expect(readResumeState(saved, OUTLINE, null)).toEqual({ ok: true, state: material });

    const problem = (text: string, focus: AuFocus | null = null) => {
      const read = readResumeState(text, OUTLINE, focus);
      return read.ok ? 'accepted' : read.problem;
    };
    expect(problem('{"view":')).toBe('it is not JSON');
    expect(problem('{"v":2,"view":"outline"}')).toContain('format mark "v":1');
    expect(problem('{"v":1,"view":"lobby"}')).toContain('its view "lobby" is none of');
    expect(problem('{"v":1,"view":"test","id":"material:hilang"}')).toContain('test "material:hilang"');
    expect(problem('{"v":1,"view":"outline","scroll":3}')).toContain('scroll position 3');
    expect(problem('{"v":1,"view":"outline","lang":"fr"}')).toContain('language "fr"');
    expect(problem('{"v":1,"view":"au"}')).toContain('launched for the whole course');

    const akuntabel = auFocusOf(OUTLINE, 'material:akuntabel')!;
    expect(akuntabel).toMatchObject({ kind: 'material', material: { id: 'akuntabel' } });
    expect(problem('{"v":1,"view":"material","id":"akuntabel"}', akuntabel)).toBe('accepted');
    expect(problem('{"v":1,"view":"material","id":"orientasi-pelayanan"}', akuntabel)).toContain('outside the AU');
    expect(problem('{"v":1,"view":"outline"}', akuntabel)).toContain('outside the AU');
    expect(problem('{"v":1,"view":"au"}', auFocusOf(OUTLINE, 'final')!)).toBe('accepted');
    expect(auFocusOf(OUTLINE, 'material:hilang')).toBeUndefined();
  });

  it('gives an AU’s LMS the test’s own score and verdict, and an earlier pass of that test only', () => {
    const attempts: AttemptRecord[] = [
      { testId: 'placement', kind: 'placement', attempt: 1, score: 40, outcome: 'failed', at: '2026-12-02T09:00:00+07:00' },
      { testId: 'material:akuntabel', kind: 'material', attempt: 1, score: 60, outcome: 'failed', at: '2026-12-02T10:00:00+07:00' },
      { testId: 'material:akuntabel', kind: 'material', attempt: 2, score: 75, outcome: 'passed', at: '2026-12-02T11:00:00+07:00' },
    ];
    const status = {
      courseId: 'berakhlak-2026',
      nip: '198503102010011001',
      name: 'Siti Rahmawati',
      status: 'in_training' as const,
      jpCredited: 0,
      next: null,
      attempts,
      tests: [],
      certificate: null,
    };
    expect(earlierPass(status, 'material:akuntabel')).toEqual({ scoreRaw: 75, status: 'passed' });
    expect(earlierPass(status, 'placement')).toBeNull();
    const result = {
      formId: 'f-1',
      testId: 'final',
      kind: 'final' as const,
      attempt: 1,
      score: 64.5,
      passMark: 70,
      outcome: 'failed' as const,
      correct: 13,
      total: 20,
      decision: 'not_yet_competent' as const,
      status,
    };
    expect(auResult(result)).toEqual({ scoreRaw: 64.5, status: 'failed' });
  });
});
