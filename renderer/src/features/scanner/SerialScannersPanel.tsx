import { type FormEvent, memo, useCallback, useEffect, useState } from 'react';
import type { AppError, ScannerPortStatus, SerialPortInfo } from '../../../../shared/contract';
import { SERIAL_TERMINATORS, type SerialTerminator } from '../../../../shared/scanner/serial-framing';
import { useBridge, useCoreEvents } from '../../app/bridge-context';

const STATE_LABEL: Record<ScannerPortStatus['state'], string> = { opening: 'Opening…', open: 'Reading scans', reconnecting: 'Waiting for the scanner…', closed: 'Closed' };
const TERMINATOR_LABEL: Record<SerialTerminator, string> = { any: 'Any (CR, LF or CRLF)', cr: 'CR', lf: 'LF', crlf: 'CRLF' };
const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;

function ErrorLine({ error }: { error: AppError }) {
  return (
    <p className="error port-error" role="alert">
      {error.message}
      {error.hint && <span className="muted"> {error.hint}</span>}
    </p>
  );
}

/** Serial (USB virtual COM) scanners: the ports of this machine, connecting one or several, and their state. */
export const SerialScannersPanel = memo(function SerialScannersPanel() {
  const bridge = useBridge();
  const [ports, setPorts] = useState<SerialPortInfo[]>([]);
  const [listError, setListError] = useState<string | undefined>();
  const [statuses, setStatuses] = useState<ScannerPortStatus[]>([]);
  const [path, setPath] = useState('');
  const [baudRate, setBaudRate] = useState(9600);
  const [terminator, setTerminator] = useState<SerialTerminator>('any');
  const [connectError, setConnectError] = useState<AppError | undefined>();
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(
    () =>
      Promise.all([bridge.call('scanner:list-ports', {}), bridge.call('scanner:status', {})]).then(([list, status]) => {
        if (list.ok) {
          setPorts(list.data.ports);
          setListError(list.data.listError);
        } else setListError(list.error.message);
        if (status.ok) setStatuses(status.data.ports);
      }),
    [bridge],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useCoreEvents((event) => {
    if (event.event !== 'scanner:port-state') return;
    const next = event.payload;
    setStatuses((list) => {
      if (next.state === 'closed') return list.filter((s) => s.path !== next.path);
      return list.some((s) => s.path === next.path) ? list.map((s) => (s.path === next.path ? next : s)) : [...list, next];
    });
  });

  const connect = async (target: string): Promise<void> => {
    setBusy(true);
    setConnectError(undefined);
    const result = await bridge.call('scanner:connect', { path: target, baudRate, terminator });
    setBusy(false);
    if (!result.ok) setConnectError(result.error);
    await refresh();
  };
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (path.trim()) void connect(path.trim());
  };
  const disconnect = async (target: string): Promise<void> => {
    await bridge.call('scanner:disconnect', { path: target });
    await refresh();
  };

  return (
    <section className="panel" aria-labelledby="serial-scanners">
      <h2 id="serial-scanners">Serial scanners (USB virtual COM)</h2>
      <p className="muted">
        A scanner in USB serial mode needs no focus and cannot type into other programs. Connected scanners are remembered on this machine and reopened
        by themselves, also after being unplugged.
      </p>
      {statuses.length > 0 && (
        <ul className="port-list" aria-label="Connected scanners" data-testid="serial-statuses">
          {statuses.map((s) => (
            <li key={s.path} className="port-item" data-state={s.state}>
              <code className="grow">{s.path}</code>
              <span className={`chip chip-${s.state === 'open' ? 'ok' : 'warn'}`}>{STATE_LABEL[s.state]}</span>
              <span className="muted">
                {s.baudRate} baud · {TERMINATOR_LABEL[s.terminator]} · {s.scans} scan{s.scans === 1 ? '' : 's'}
              </span>
              <button type="button" className="button-quiet" onClick={() => void disconnect(s.path)}>
                Disconnect
              </button>
              {s.error && <ErrorLine error={s.error} />}
            </li>
          ))}
        </ul>
      )}
      <form className="form-row" onSubmit={onSubmit}>
        <label>
          Port
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/dev/ttyACM0 or COM3" list="serial-port-paths" spellCheck={false} />
          <datalist id="serial-port-paths">
            {ports.map((p) => (
              <option key={p.path} value={p.path} />
            ))}
          </datalist>
        </label>
        <label>
          Speed
          <select value={baudRate} onChange={(e) => setBaudRate(Number(e.target.value))}>
            {BAUD_RATES.map((b) => (
              <option key={b} value={b}>
                {b} baud
              </option>
            ))}
          </select>
        </label>
        <label>
          Code ends with
          <select value={terminator} onChange={(e) => setTerminator(e.target.value as SerialTerminator)}>
            {SERIAL_TERMINATORS.map((t) => (
              <option key={t} value={t}>
                {TERMINATOR_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || !path.trim()}>
          Connect
        </button>
        <button type="button" className="button-quiet" onClick={() => void refresh()}>
          Refresh ports
        </button>
      </form>
      {connectError && <ErrorLine error={connectError} />}
      {listError && <p className="muted">{listError}</p>}
      {ports.length > 0 && (
        <ul className="port-list" aria-label="Serial ports on this machine">
          {ports.map((p) => (
            <li key={p.path} className="port-item">
              <code>{p.path}</code>
              <span className="grow muted">
                {p.scannerMaker ? <strong>{p.scannerMaker} scanner</strong> : (p.manufacturer ?? 'Serial port')}
                {p.vendorId ? ` · USB ${p.vendorId}:${p.productId ?? '????'}` : ''}
              </span>
              {p.connected ? (
                <span className="chip chip-ok">Connected</span>
              ) : (
                <button type="button" disabled={busy} onClick={() => void connect(p.path)}>
                  Connect
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
