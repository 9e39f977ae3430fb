import { useEffect, useState } from 'react';
import type { RequestOutput } from '../../../shared/contract';
import { useBridge } from './bridge-context';

/** The About screen: what is running, and where its data lives. */
export function AboutScreen() {
  const bridge = useBridge();
  const [info, setInfo] = useState<RequestOutput<'app:info'> | undefined>();
  useEffect(() => {
    void bridge.call('app:info', {}).then((result) => result.ok && setInfo(result.data));
  }, [bridge]);
  if (!info) return null;
  return (
    <section className="panel">
      <h2>About OnSite Provisioner</h2>
      <p>
        Version {info.version}, running in the {info.shell === 'electron' ? 'desktop app' : 'browser shell'}. Data folder: <code>{info.dataDir}</code>
      </p>
    </section>
  );
}
