import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PbxSim } from '../pbx-sim';

// PBX screen steps shared by the browser-shell and the Electron end-to-end suites.

/** Fills the new-profile form for the simulator and saves it with Enter. */
export async function createProfileInUi(page: Page, sim: PbxSim, secret: string): Promise<void> {
  await page.getByTestId('pbx-profile-form').waitFor();
  await page.getByTestId('pbx-name').fill('Acme HQ');
  await page.getByTestId('pbx-address').fill(sim.url);
  await page.getByTestId('pbx-client-id').fill(sim.knobs.clientId);
  await page.getByTestId('pbx-secret').fill(secret);
  await page.getByTestId('pbx-secret').press('Enter');
  await page.getByTestId('pbx-detail').waitFor();
}

/** Opens the certificate dialog, checks the fingerprint shown is `expected`, ticks the box and trusts it. */
export async function trustInDialog(page: Page, expected: string, fingerprintTestId = 'fingerprint-presented'): Promise<void> {
  await page.getByTestId('pbx-check-certificate').click();
  const dialog = page.getByTestId('certificate-dialog');
  await expect.poll(() => dialog.getByTestId(fingerprintTestId).getAttribute('data-fingerprint')).toBe(expected);
  expect(await dialog.getByTestId('certificate-trust').isDisabled()).toBe(true); // not before the technician confirms
  await dialog.getByTestId('certificate-checked').check();
  await dialog.getByTestId('certificate-trust').click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('pbx-pinned').getAttribute('data-fingerprint')).toBe(expected);
}

/** Clicks Test connection and returns the text of THIS click's result (not the one shown before). */
export async function testConnectionText(page: Page): Promise<string> {
  const button = page.getByTestId('pbx-test');
  const run = Number(await button.getAttribute('data-run')) + 1;
  await button.click();
  const result = page.locator(`[data-testid="pbx-test-result"][data-run="${run}"]`);
  await result.waitFor();
  return (await result.textContent()) ?? '';
}
