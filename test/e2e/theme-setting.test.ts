import { expect, it } from 'vitest';
import { chromium, describeWith } from '../support/system';
import { useBrowserShell } from '../support/web-shell';

describeWith(chromium(), 'theme is a core setting (browser shell)', () => {
  const h = useBrowserShell();

  const savedTheme = async (): Promise<string | undefined> => {
    const result = await h.core.dispatch('settings:get', {});
    return result.ok ? (result.data as { theme: string }).theme : undefined;
  };

  it('saves the chosen theme in the data folder: a fresh browser profile (empty localStorage) shows it, other windows follow live', async () => {
    const first = await h.browser.newContext();
    const page = await first.newPage();
    await page.goto(h.shell.url);
    const toggle = page.getByTestId('theme-toggle');
    await expect.poll(() => toggle.getAttribute('data-theme-choice')).toBe('system');
    await toggle.click(); // system → light
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('light');
    await expect.poll(() => savedTheme()).toBe('light');

    // A separate browser profile starts with the saved theme, and follows later changes live.
    const second = await h.browser.newContext();
    const other = await second.newPage();
    await other.goto(h.shell.url);
    await expect.poll(() => other.evaluate('document.documentElement.dataset.theme')).toBe('light');
    await page.getByTestId('theme-toggle').click(); // light → dark
    await expect.poll(() => other.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    await first.close();
    await second.close();
  });
});
