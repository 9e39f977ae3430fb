import type { Page } from 'playwright-core';

/**
 * Goes to a screen by its navigation label, the way a technician would with the mouse. Tests use this
 * instead of Alt+<number>, so adding a screen never breaks another screen's tests.
 */
export async function gotoScreen(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: label, exact: true }).click();
}
