import { useEffect, useState } from 'react';
import type { Theme } from '../../../shared/contract';
import { useBridge, useCoreEvents } from './bridge-context';

const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<Theme, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

/**
 * Cycles the colour theme; "system" follows the OS light/dark setting. The choice is a core setting
 * (not localStorage: the browser shell's origin changes every run), so every window shares it.
 */
export function ThemeToggle() {
  const bridge = useBridge();
  const [theme, setTheme] = useState<Theme>('system');
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    void bridge.call('settings:get', {}).then((result) => {
      if (result.ok) setTheme(result.data.theme);
    });
  }, [bridge]);
  useCoreEvents((event) => {
    if (event.event === 'settings:changed') setTheme(event.payload.theme);
  });
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  const change = (): void => {
    const next = NEXT[theme];
    setTheme(next); // show it at once; the saved value comes back with settings:changed
    void bridge.call('settings:update', { theme: next }).then((result) => setProblem(result.ok ? undefined : result.error.message));
  };
  return (
    <button
      type="button"
      className="button-quiet"
      onClick={change}
      aria-label={`${LABEL[theme]}. Change theme`}
      title={problem ? `Not saved: ${problem}` : undefined}
      data-testid="theme-toggle"
      data-theme-choice={theme}
    >
      {LABEL[theme]}
    </button>
  );
}
