import { useCallback, useEffect, useState } from 'react';
import type { Notice } from '../../../shared/contract';
import { useBridge, useCoreEvents, useLinkState } from './bridge-context';
import { NoticeList } from './NoticeList';
import { SCREENS } from './screens';
import { ThemeToggle } from './ThemeToggle';

const LINK_LABEL = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…' } as const;

/** The app shell: title bar with status, navigation, notices, and the current screen. */
export function App() {
  const bridge = useBridge();
  const link = useLinkState();
  const [ready, setReady] = useState(false);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [screenId, setScreenId] = useState(SCREENS[0]!.id);

  useEffect(() => {
    void bridge.call('app:info', {}).then((result) => {
      if (result.ok) {
        setNotices(result.data.notices);
        setReady(true);
      } else setError(result.error.message);
    });
  }, [bridge]);

  useCoreEvents((event) => {
    if (event.event === 'app:notice') setNotices((list) => (list.some((n) => n.id === event.payload.id) ? list : [...list, event.payload]));
  });

  // Alt+1…9 jumps to a screen: keyboard-first, and no conflict with grid editing keys.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const index = Number(e.key) - 1;
      const target = SCREENS[index];
      if (target) {
        e.preventDefault();
        setScreenId(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const dismiss = useCallback(
    (id: string) => {
      setNotices((list) => list.filter((n) => n.id !== id));
      void bridge.call('app:dismiss-notice', { id });
    },
    [bridge],
  );
  const screen = SCREENS.find((s) => s.id === screenId) ?? SCREENS[0]!;

  return (
    <div className="shell">
      <header className="titlebar">
        <h1 className="brand">OnSite Provisioner</h1>
        <nav className="nav" aria-label="Screens">
          {SCREENS.map((s, i) => (
            <button
              key={s.id}
              type="button"
              className={s.id === screen.id ? 'nav-item nav-current' : 'nav-item'}
              aria-current={s.id === screen.id ? 'page' : undefined}
              title={`Alt+${i + 1}`}
              onClick={() => setScreenId(s.id)}
            >
              {s.label}
            </button>
          ))}
        </nav>
        <div className="titlebar-status">
          <span className={`chip chip-${link === 'connected' ? 'ok' : 'warn'}`} data-testid="link-state" role="status">
            {LINK_LABEL[link]}
          </span>
          <ThemeToggle />
        </div>
      </header>
      <NoticeList notices={notices} onDismiss={dismiss} />
      <main className="content" data-testid="app-ready" data-ready={ready ? 'yes' : 'no'}>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {ready && screen.render()}
      </main>
    </div>
  );
}
