import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium';
import { bundlePage, focused, servePage, tabTo, type PageServer } from './cat-support';

const SCREENS = '/tmp/screens';

let browser: Browser;
let server: PageServer;

beforeAll(async () => {
  server = await servePage(await bundlePage());
  browser = await launchChromium();
  mkdirSync(SCREENS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPlayer(query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(`${server.url}${query}`);
  await page.locator('smart-cat-player [data-screen="intro"]').waitFor();
  return page;
}

const player = (page: Page) => page.locator('smart-cat-player');

describe('<smart-cat-player> in Chromium', () => {
  it('lets a keyboard-only learner answer every item, flag one, review it, submit and see score and next step', async () => {
    const page = await openPlayer();
    await tabTo(page, 'start');
    await page.keyboard.press('Enter');

    // Item 1, single: arrow keys move the choice inside the radio group.
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', text: 'Soal 1 dari 5' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'input' });
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'next');
    await page.keyboard.press('Enter');

    // Item 2, multiple: Space ticks the first and third boxes; then flag it.
    expect(await focused(page)).toMatchObject({ tag: 'h2', text: 'Soal 2 dari 5' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo(page, 'flag');
    await page.keyboard.press('Space');
    await expect.poll(() => player(page).locator('[data-action="flag"]').getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: `${SCREENS}/cat-player-mid-test.png`, fullPage: true });
    await tabTo(page, 'next');
    await page.keyboard.press('Enter');

    // Items 3 to 5: true/false, single, multiple.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo(page, 'next');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'next');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'h2', text: 'Soal 5 dari 5' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo(page, 'review');
    await page.keyboard.press('Enter');

    const review = player(page).locator('[data-screen="review"]');
    await expect.poll(() => review.locator('[data-review-list="flagged"]').textContent()).toContain('Soal 2');
    expect(await review.locator('[data-review-list="unanswered"]').textContent()).toContain('Tidak ada.');

    await tabTo(page, 'submit');
    await page.keyboard.press('Enter');
    const confirm = player(page).locator('dialog[open]');
    await expect.poll(() => confirm.locator('#confirm-body').getAttribute('data-unanswered')).toBe('0');
    await tabTo(page, 'confirm-submit');
    await page.keyboard.press('Enter');

    const result = player(page).locator('[data-screen="result"]');
    await result.waitFor();
    expect(await page.evaluate(() => window.catPage.submissions)).toEqual([
      {
        formId: 'form-1',
        answers: { 'op-001': ['b'], 'op-002': ['a', 'c'], 'op-003': ['true'], 'op-004': ['b'], 'op-005': ['a', 'b'] },
      },
    ]);
    expect(await result.locator('[data-score]').textContent()).toBe('100');
    expect(await result.locator('[data-decision]').textContent()).toContain('Lulus');
    expect(await result.locator('[data-next-step]').textContent()).toContain('Pelajari materi berikutnya: Akuntabel.');
    expect(await focused(page)).toMatchObject({ tag: 'h2', text: 'Hasil tes' });
    await page.screenshot({ path: `${SCREENS}/cat-player-result.png`, fullPage: true });

    await tabTo(page, 'next-step');
    await page.keyboard.press('Enter');
    const events = await page.evaluate(() => window.catPage.events);
    expect(events.map((event) => event.type)).toEqual(['smart-test-finished', 'smart-next-step']);
    expect(events[1]!.detail).toEqual({ kind: 'material', testId: 'material:akuntabel', materialId: 'akuntabel' });
    await page.close();
  });

  it('shows the intro from the course outline and starts the form and its clock only when the learner presses start', async () => {
    const page = await openPlayer('?limit=900&form=form-intro');
    const intro = player(page).locator('[data-screen="intro"]');
    expect(await player(page).locator('h1').textContent()).toBe('Tes Berorientasi Pelayanan');
    expect(await intro.locator('[data-fact="items"]').textContent()).toBe('5');
    expect(await intro.locator('[data-fact="time"]').textContent()).toBe('15 menit');
    expect(await intro.locator('[data-fact="pass-mark"]').textContent()).toBe('70');
    expect(await player(page).locator('[data-timer]').count()).toBe(0);
    expect(await page.evaluate(() => window.catPage.requests)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/cat-player-intro.png`, fullPage: true });

    await player(page).locator('[data-action="start"]').click();
    await player(page).locator('article[data-item-id="op-001"]').waitFor();
    expect(await page.evaluate(() => window.catPage.requests)).toEqual(['material:orientasi-pelayanan']);
    expect(await player(page).locator('[data-timer] .clock').textContent()).toMatch(/^(15:00|14:5\d)$/);
    expect(await player(page).locator('[data-resumed]').count()).toBe(0);
    await page.close();
  });

  it('lets the learner leave the intro without a form being started', async () => {
    const page = await openPlayer('?form=form-leave');
    await player(page).locator('[data-screen="intro"] [data-action="exit"]').click();
    expect(await page.evaluate(() => window.catPage.events.map((event) => event.type))).toEqual(['smart-test-exit']);
    expect(await page.evaluate(() => window.catPage.requests)).toEqual([]);
    await page.close();
  });

  it('shows a mm:ss countdown that goes down while the learner works', async () => {
    const page = await openPlayer('?limit=600&form=form-clock');
    await player(page).locator('[data-action="start"]').click();
    const clock = player(page).locator('[data-timer] .clock');
    await clock.waitFor();
    const first = (await clock.textContent()) ?? '';
    expect(first).toMatch(/^(10:00|09:5\d)$/);
    await expect.poll(async () => (await clock.textContent()) !== first, { timeout: 5000 }).toBe(true);
    expect(await clock.textContent()).toMatch(/^09:5\d$/);
    // Screen readers are not told every second, only at 5 and 1 minutes left.
    expect(await player(page).locator('[aria-live="polite"]').textContent()).toBe('');
    await page.close();
  });

  it('tells screen readers once when five minutes are left', async () => {
    const page = await openPlayer('?limit=302&form=form-warning');
    await player(page).locator('[data-action="start"]').click();
    const live = player(page).locator('[aria-live="polite"]');
    await expect.poll(() => live.textContent(), { timeout: 8000 }).toBe('Sisa waktu 5 menit.');
    expect(await player(page).locator('[data-timer] .clock').textContent()).toMatch(/^0[45]:\d\d$/);
    await page.close();
  });

  it('submits the answers by itself when the time runs out', async () => {
    const page = await openPlayer('?limit=2&form=form-timeout');
    await player(page).locator('[data-action="start"]').click();
    await player(page).locator('input[data-item-id="op-001"][data-option-id="b"]').check();
    await player(page).locator('[data-screen="result"]').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => window.catPage.submissions)).toEqual([
      { formId: 'form-timeout', answers: { 'op-001': ['b'] } },
    ]);
    expect(await player(page).locator('[data-decision]').getAttribute('data-decision')).toBe('failed');
    expect(await player(page).locator('[data-next-step]').textContent()).toContain(
      'Pelajari kembali Berorientasi Pelayanan, lalu ulangi tesnya',
    );
    await page.close();
  });

  it('switches every visible text to English when the language changes', async () => {
    const page = await openPlayer('?form=form-lang');
    await player(page).locator('[data-action="start"]').click();
    expect(await player(page).locator('#item-heading').textContent()).toBe('Soal 1 dari 5');
    await page.evaluate(() => {
      document.querySelector('smart-cat-player')!.lang = 'en';
    });
    await expect.poll(() => player(page).locator('#item-heading').textContent()).toBe('Question 1 of 5');
    expect(await player(page).locator('legend').textContent()).toBe('What does excellent service mean?');
    expect((await player(page).locator('[data-action="next"]').textContent())?.trim()).toBe('Next');
    expect((await player(page).locator('[data-action="flag"]').textContent())?.trim()).toBe('Flag for review');
    expect(await player(page).locator('[data-timer] .label').textContent()).toBe('Time left');
    await page.close();
  });

  it('names the next material, not its test, on the English result screen', async () => {
    const page = await openPlayer('?form=form-next-en&lang=en');
    await player(page).locator('[data-action="start"]').click();
    for (const [itemId, options] of [
      ['op-001', ['b']],
      ['op-002', ['a', 'c']],
      ['op-003', ['true']],
      ['op-004', ['b']],
      ['op-005', ['a', 'b']],
    ] as const) {
      for (const optionId of options) {
        await player(page).locator(`input[data-item-id="${itemId}"][data-option-id="${optionId}"]`).check();
      }
      const next = player(page).locator('[data-action="next"]');
      if ((await next.count()) > 0) await next.click();
    }
    await player(page).locator('[data-action="review"]').first().click();
    await player(page).locator('[data-action="submit"]').click();
    await player(page).locator('[data-action="confirm-submit"]').click();
    const text = player(page).locator('[data-next-step]');
    await text.waitFor();
    expect(await text.textContent()).toBe('Study the next material: Accountable.');
    await page.close();
  });

  it('continues a form still running after a reload, straight on the items with answers, flags and time left', async () => {
    const page = await openPlayer('?form=form-reload');
    await player(page).locator('[data-action="start"]').click();
    await player(page).locator('input[data-item-id="op-001"][data-option-id="c"]').check();
    await player(page).locator('[data-action="next"]').click();
    await player(page).locator('input[data-item-id="op-002"][data-option-id="a"]').check();
    await player(page).locator('[data-action="flag"]').click();

    const deadline = await page.evaluate(() => JSON.parse(sessionStorage.getItem('smart-cat:form-reload')!).deadline as number);

    await page.reload();
    await player(page).locator('[data-screen="intro"]').waitFor();
    await player(page).locator('[data-action="start"]').click();

    await player(page).locator('[data-resumed]').waitFor();
    expect(await player(page).locator('[data-resumed]').textContent()).toContain('dengan sisa waktunya');
    expect(await player(page).locator('#item-heading').textContent()).toBe('Soal 2 dari 5');
    const kept = await page.evaluate(() => JSON.parse(sessionStorage.getItem('smart-cat:form-reload')!).deadline as number);
    expect(kept).toBe(deadline);
    expect(await player(page).locator('input[data-option-id="a"]').isChecked()).toBe(true);
    expect(await player(page).locator('[data-action="flag"]').getAttribute('aria-pressed')).toBe('true');
    expect(await player(page).locator('[data-palette-index="0"]').getAttribute('aria-label')).toBe(
      'Soal 1, sudah dijawab',
    );
    await player(page).locator('[data-palette-index="0"]').click();
    expect(await player(page).locator('input[data-option-id="c"]').isChecked()).toBe(true);
    await page.close();
  });

  it('shows the server’s refusal in Indonesian with the way back to the course', async () => {
    const page = await openPlayer('?refuse=1');
    await player(page).locator('[data-action="start"]').click();
    const error = player(page).locator('[data-error]');
    await error.waitFor();
    expect(await error.textContent()).toBe('Tes akhir terbuka setelah semua tes materi lulus. Luluskan dulu tes materi yang tersisa.');
    expect(await player(page).locator('[data-action="retry"]').count()).toBe(0);
    await player(page).locator('[data-action="exit"]').click();
    expect(await page.evaluate(() => window.catPage.events.map((event) => event.type))).toEqual(['smart-test-exit']);
    await page.close();
  });
});
