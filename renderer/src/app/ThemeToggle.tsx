import { useEffect, useState } from 'react';

type Theme = 'system' | 'light' | 'dark';
const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<Theme, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

/** Cycles the colour theme; "system" follows the OS light/dark setting. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem('onsite.theme') as Theme | null) ?? 'system');
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    localStorage.setItem('onsite.theme', theme);
  }, [theme]);
  return (
    <button type="button" className="button-quiet" onClick={() => setTheme(NEXT[theme])} aria-label={`${LABEL[theme]}. Change theme`}>
      {LABEL[theme]}
    </button>
  );
}
