import { type ReactNode, useState } from 'react';
import { useBridge } from './bridge-context';

/**
 * A button that opens a web address in the system browser through `app:open-external`: the core checks the
 * address against its allowlist (PBX web portals, Yeastar's help) and the Electron shell opens it. In the
 * browser shell the core only checks it, and the page opens it in a new tab without access back to the app.
 */
export function ExternalLink({ url, children, testId }: { url: string; children: ReactNode; testId?: string }) {
  const bridge = useBridge();
  const [error, setError] = useState<string | undefined>();
  const open = async (): Promise<void> => {
    const result = await bridge.call('app:open-external', { url });
    if (!result.ok) return setError(result.error.message);
    setError(undefined);
    if (!result.data.opened) window.open(result.data.url, '_blank', 'noopener,noreferrer');
  };
  return (
    <>
      <button type="button" className="button-quiet" onClick={() => void open()} data-testid={testId}>
        {children}
      </button>
      {error && (
        <span className="field-warn" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
