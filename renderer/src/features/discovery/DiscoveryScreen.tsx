import { type FormEvent, useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { type AppError, type NetInterface, PNP_BOOT_HINT, type RequestOutput, type Result } from '../../../../shared/contract';
import { useBridge, useCoreEvents } from '../../app/bridge-context';
import { DeviceTable } from './DeviceTable';
import { PbxCompareBar, usePbxComparison } from './PbxCompareBar';
import { ProjectBar } from './ProjectBar';
import { pbxMarkFor } from './pbx-compare';
import { useProjectTarget } from './project-target';
import { EMPTY_VIEW, discoveryReducer, phaseLabel } from './discovery-view';
import './discovery.css';

const KIND_LABEL: Record<NetInterface['kind'], string> = { wired: 'wired', wifi: 'Wi-Fi', vpn: 'VPN', virtual: 'virtual', loopback: 'loopback', unknown: 'unknown kind' };

function interfaceLabel(i: NetInterface): string {
  return `${i.name} — ${i.address}/${i.prefix} (${KIND_LABEL[i.kind]}${i.hasDefaultRoute ? ', default route' : ''})`;
}

/** LAN discovery: pick the network, sweep it, hear booting phones, pick devices for the project. */
export function DiscoveryScreen() {
  const bridge = useBridge();
  const [view, dispatch] = useReducer(discoveryReducer, EMPTY_VIEW);
  const [interfaces, setInterfaces] = useState<readonly NetInterface[]>([]);
  const [iface, setIface] = useState('');
  const [cidr, setCidr] = useState('');
  const [pnp, setPnp] = useState(true);
  const [showAll, setShowAll] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const target = useProjectTarget();
  const comparison = usePbxComparison(target.projects.find((p) => p.id === target.projectId));
  const { index } = comparison;
  const onPbx = useCallback((mac: string) => (index ? pbxMarkFor(index, mac) : null), [index]);

  const applyInterfaces = useCallback((result: Result<RequestOutput<'discovery:interfaces'>>) => {
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const { interfaces: list, defaultName } = result.data;
    setInterfaces(list);
    setIface((current) => (list.some((i) => i.name === current) ? current : (defaultName ?? list[0]?.name ?? '')));
  }, []);
  const loadInterfaces = (): void => void bridge.call('discovery:interfaces', {}).then(applyInterfaces);

  useEffect(() => {
    void bridge.call('discovery:interfaces', {}).then(applyInterfaces);
    void bridge.call('discovery:devices', {}).then((result) => result.ok && dispatch({ type: 'snapshot', data: result.data }));
  }, [bridge, applyInterfaces]);

  useCoreEvents((event) => {
    if (event.event.startsWith('discovery:')) dispatch({ type: 'event', event });
  });

  const start = async (confirmLarge = false): Promise<void> => {
    setError(null);
    setBusy(true);
    const input = { interface: iface || undefined, cidr: cidr.trim() || undefined, pnp, confirmLarge };
    const result = await bridge.call('discovery:start', input);
    setBusy(false);
    if (result.ok) {
      setSelected(new Set());
      dispatch({ type: 'started', data: result.data });
    } else setError(result.error);
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!view.running) void start();
  };
  const cancel = async (): Promise<void> => {
    const result = await bridge.call('discovery:cancel', {});
    if (!result.ok) setError(result.error);
  };

  const shown = useMemo(() => (showAll ? view.devices : view.devices.filter((d) => d.isPhone)), [showAll, view.devices]);
  const phones = view.devices.filter((d) => d.isPhone).length;
  const picked = view.devices.filter((d) => selected.has(d.mac));
  const toggle = (mac: string): void =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(mac)) next.add(mac);
      return next;
    });
  const toggleAll = (select: boolean): void =>
    setSelected((current) => {
      const next = new Set(current);
      for (const d of shown) {
        if (select) next.add(d.mac);
        else next.delete(d.mac);
      }
      return next;
    });
  const chosen = interfaces.find((i) => i.name === iface);
  const listening = view.running && view.progress?.phase === 'listening';
  const sweeping = view.running && !listening;
  const confirmNeeded = error?.fields?.some((f) => f.path === 'confirmLarge') === true;

  return (
    <section className="panel disc" aria-labelledby="disc-title">
      <h2 id="disc-title">Find phones on the network</h2>
      <form className="disc-form" onSubmit={submit}>
        <label>
          Network interface
          <select value={iface} onChange={(e) => setIface(e.target.value)} disabled={view.running} data-testid="discovery-interface">
            {interfaces.map((i) => (
              <option key={`${i.name}-${i.address}`} value={i.name}>
                {interfaceLabel(i)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-quiet" onClick={loadInterfaces} disabled={view.running}>
          Refresh
        </button>
        <label>
          Range (optional)
          <input
            value={cidr}
            onChange={(e) => setCidr(e.target.value)}
            placeholder={chosen?.subnet ?? '192.168.1.0/24'}
            spellCheck={false}
            disabled={view.running}
            aria-describedby="disc-range-help"
            data-testid="discovery-cidr"
          />
        </label>
        <p id="disc-range-help" className="disc-help">
          Empty sweeps the interface's whole subnet{chosen ? ` (${chosen.subnet})` : ''}; or enter a range inside it.
        </p>
        <label className="disc-check">
          <input type="checkbox" checked={pnp} onChange={(e) => setPnp(e.target.checked)} disabled={view.running} />
          Listen for booting phones (PnP)
        </label>
        {pnp && <p className="disc-help">{PNP_BOOT_HINT}</p>}
        <div className="disc-actions">
          {!view.running && (
            <button type="submit" disabled={busy || interfaces.length === 0}>
              Find phones
            </button>
          )}
          {sweeping && (
            <button type="button" onClick={() => void cancel()}>
              Cancel
            </button>
          )}
          {listening && (
            <button type="button" onClick={() => void cancel()}>
              Stop listening
            </button>
          )}
        </div>
      </form>

      {error && (
        <div className="disc-error" role="alert">
          <p>
            <strong>{error.message}</strong>
          </p>
          {error.hint && <p>{error.hint}</p>}
          {confirmNeeded && (
            <button type="button" onClick={() => void start(true)}>
              Sweep the large range anyway
            </button>
          )}
        </div>
      )}

      <div className="disc-status" role="status" aria-live="polite" data-testid="discovery-status">
        {sweeping && view.progress?.phase === 'sweep' && <progress max={view.progress.total} value={view.progress.sent} aria-label="Sweep progress" />}
        {sweeping && view.progress?.phase !== 'sweep' && <progress aria-label="Sweep progress" />}
        <span>{phaseLabel(view)}</span>
        {view.pnp.state === 'listening' && <span className="chip chip-ok">Listening for PnP</span>}
        {view.pnp.state === 'unavailable' && (
          <span className="disc-warn" data-testid="discovery-pnp-problem">
            {view.pnp.message} {view.pnp.hint}
          </span>
        )}
      </div>

      <div className="disc-list-head">
        <span data-testid="discovery-counts">
          {phones} {phones === 1 ? 'phone' : 'phones'} · {view.devices.length} {view.devices.length === 1 ? 'device' : 'devices'}
        </span>
        <label className="disc-check">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
          Show all devices
        </label>
        {picked.length > 0 && <span>{picked.length} selected</span>}
      </div>
      <ProjectBar target={target} picked={picked} onPbx={onPbx} onAdded={() => setSelected(new Set())} />
      <PbxCompareBar comparison={comparison} />
      {shown.length > 0 ? (
        <DeviceTable devices={shown} selected={selected} inProject={target.macs} onPbx={onPbx} onToggle={toggle} onToggleAll={toggleAll} />
      ) : (
        <p className="disc-empty">
          {view.scanId === null
            ? 'Press "Find phones" to sweep the network.'
            : view.devices.length > 0
              ? 'No phones among the devices found: tick "Show all devices" to see them.'
              : view.running
                ? 'Looking…'
                : 'Nothing answered. Check the cable, and that the laptop is on the phones\' network (often the voice VLAN).'}
        </p>
      )}
    </section>
  );
}
