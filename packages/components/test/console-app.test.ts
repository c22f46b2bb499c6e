import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium';
import { ADMIN, STATUS, startFakeLrs } from './console-fake-lrs';

/** Waits for the page to reach a state; the bound only guards against a hung browser. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

let browser: Browser;
let lrs: Awaited<ReturnType<typeof startFakeLrs>>;

beforeAll(async () => {
  lrs = await startFakeLrs();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await lrs?.close();
});

async function signIn(page: Page, secret = ADMIN.secret) {
  await page.goto(`${lrs.origin}/console/`);
  await page.getByLabel('Kunci').fill(ADMIN.key);
  await page.getByLabel('Rahasia').fill(secret);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

const count = (page: Page, name: string) => page.locator(`smart-offering-summary dd[data-count="${name}"]`);

describe('evaluator console in Chromium', () => {
  it('signs in with the admin credential and shows the offering summary and a learner row, in Indonesian', async () => {
    // An evaluator abroad still reads times as the offering announces them (WIB).
    const page = await browser.newPage({ timezoneId: 'Europe/Amsterdam' });
    await signIn(page);

    await eventually(() => count(page, 'enrolled').textContent()).toBe('1.234');
    expect(await count(page, 'competent').textContent()).toBe('410');
    expect(await count(page, 'remedialRetakes').textContent()).toBe('315');
    const material = page.getByRole('row', { name: /Berorientasi Pelayanan/ });
    expect(await material.getByRole('cell').allTextContents()).toEqual(['612', '901', '289']);
    const learner = page.locator(`smart-learners-table tr[data-nip="${STATUS.nip}"]`);
    expect(await learner.textContent()).toContain('Siti Rahmawati');
    expect(await learner.textContent()).toContain('Biro Umum');
    expect(await learner.textContent()).toContain('Sedang pelatihan');
    const cells = learner.locator('td');
    expect(await cells.nth(4).textContent()).toBe('3');
    expect(await cells.nth(5).textContent()).toBe('3 Des 2026, 09.15 WIB');
    expect(await page.getByRole('combobox', { name: 'Pelatihan' }).inputValue()).toBe('berakhlak-2026');
    await page.close();
  });

  it("shows the LRS's Indonesian message when the secret is wrong, and gives the sign-in form back", async () => {
    const page = await browser.newPage();
    const callsBefore = lrs.requestedWith.length;
    await signIn(page, 'salah');

    const alert = page.locator('smart-console-login [role="alert"]');
    await eventually(() => alert.textContent()).toContain('Kunci dan rahasia tidak cocok dengan kredensial admin');
    expect(await alert.textContent()).toContain('bad_credential');
    expect(await page.locator('smart-offering-summary').count()).toBe(0);
    // The call said it came from a script, so the LRS asked for no browser login dialog.
    expect(lrs.requestedWith.slice(callsBefore)).toEqual(['XMLHttpRequest']);
    expect(await page.getByLabel('Kunci').isEnabled()).toBe(true);
    expect(await page.getByLabel('Rahasia').isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Masuk' }).isEnabled()).toBe(true);

    await page.getByLabel('Rahasia').fill(ADMIN.secret);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await eventually(() => count(page, 'enrolled').textContent()).toBe('1.234');
    await page.close();
  });

  it("opens a learner's details with every attempt from the keyboard, and closing returns focus to the row", async () => {
    const page = await browser.newPage();
    await signIn(page);
    const details = page.getByRole('button', { name: 'Rincian Siti Rahmawati' });
    await details.focus();
    await page.keyboard.press('Enter');

    const heading = page.getByRole('heading', { name: 'Rincian peserta: Siti Rahmawati' });
    await eventually(() => heading.evaluate((node) => node === (node.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    const detail = page.locator('smart-learner-detail');
    expect(await detail.locator('[data-passed="placement"]').textContent()).toBe('Tidak lulus (mengikuti pelatihan)');
    expect(await detail.locator('[data-passed="final"]').textContent()).toBe('Belum');
    const tests = detail.getByRole('table', { name: 'Tes dalam pelatihan' });
    expect(await tests.getByRole('rowheader').allTextContents()).toEqual([
      'Tes Penempatan',
      'Tes Berorientasi Pelayanan (Tes materi)',
      'Tes Akhir',
    ]);
    const attempts = page.locator('smart-learner-detail tbody tr[data-test]');
    expect(await attempts.count()).toBe(3);
    expect(await attempts.nth(0).textContent()).toContain('1 Des 2026, 08.00 WIB');
    expect(await attempts.nth(1).textContent()).toContain('65,5');
    expect(await attempts.nth(2).textContent()).toContain('Lulus');

    await page.getByRole('button', { name: 'Tutup rincian' }).click();
    await eventually(() => page.locator('smart-learner-detail').count()).toBe(0);
    await eventually(() => details.evaluate((node) => node === (node.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.close();
  });

  it('switches to English and keeps the sign-in for a reload of the tab', async () => {
    const page = await browser.newPage();
    await signIn(page);
    await eventually(() => count(page, 'enrolled').textContent()).toBe('1.234');

    await page.getByRole('button', { name: 'English' }).click();

    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('SMART Training Evaluator Console');
    expect(await count(page, 'enrolled').textContent()).toBe('1,234');
    expect(await page.getByRole('heading', { name: 'Offering summary' }).count()).toBe(1);
    expect(await page.locator(`smart-learners-table tr[data-nip="${STATUS.nip}"]`).textContent()).toContain('In training');
    expect(await page.getByRole('option').first().textContent()).toContain('BerAKHLAK Core Values');

    await page.reload();
    await eventually(() => count(page, 'enrolled').textContent()).toBe('1.234');
    await page.close();
  });
});
