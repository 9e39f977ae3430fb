import { useCallback, useEffect, useState } from 'react';
import type { Notice, RequestOutput } from '../../../shared/contract';
import { useBridge, useCoreEvents, useLinkState } from './bridge-context';
import { NoticeList } from './NoticeList';
import { ThemeToggle } from './ThemeToggle';

type AppInfo = RequestOutput<'app:info'>;

const LINK_LABEL = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…' } as const;

/** The app shell: title bar with status, notices, and the current screen. */
export function App() {
  const bridge = useBridge();
  const link = useLinkState();
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [notices, setNotices] = useState<Notice[]>([]);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    void bridge.call('app:info', {}).then((result) => {
      if (result.ok) {
        setInfo(result.data);
        setNotices(result.data.notices);
      } else setError(result.error.message);
    });
  }, [bridge]);

  useCoreEvents((event) => {
    if (event.event === 'app:notice') setNotices((list) => (list.some((n) => n.id === event.payload.id) ? list : [...list, event.payload]));
  });

  const dismiss = useCallback(
    (id: string) => {
      setNotices((list) => list.filter((n) => n.id !== id));
      void bridge.call('app:dismiss-notice', { id });
    },
    [bridge],
  );

  return (
    <div className="shell">
      <header className="titlebar">
        <h1 className="brand">{info?.productName ?? 'OnSite Provisioner'}</h1>
        <div className="titlebar-status">
          <span className={`chip chip-${link === 'connected' ? 'ok' : 'warn'}`} data-testid="link-state" role="status">
            {LINK_LABEL[link]}
          </span>
          <ThemeToggle />
        </div>
      </header>
      <NoticeList notices={notices} onDismiss={dismiss} />
      <main className="content" data-testid="app-ready" data-ready={info ? 'yes' : 'no'}>
        {error && <p className="error" role="alert">{error}</p>}
        {info && (
          <section className="panel">
            <h2>Welcome</h2>
            <p>
              Version {info.version}, running in the {info.shell === 'electron' ? 'desktop app' : 'browser shell'}. Data folder: <code>{info.dataDir}</code>
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
