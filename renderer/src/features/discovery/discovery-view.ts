/**
 * The discovery screen's state as a pure reducer: a snapshot from `discovery:devices`, the answer to
 * `discovery:start`, and the `discovery:*` events. Events of another run (a newer scan id) replace the view,
 * because the core runs one discovery at a time and events can arrive before the start answer does.
 */
import type { DiscoveredDevice, DiscoveryFinished, DiscoveryProgress, PnpStatus, RequestOutput } from '../../../../shared/contract';
import { compareDevices } from '../../../../shared/domain/discovered-devices';
import type { UiEvent } from '../../bridge';

/** What the screen shows. */
export interface DiscoveryView {
  readonly scanId: string | null;
  readonly running: boolean;
  /** Phones first, then by IP. */
  readonly devices: readonly DiscoveredDevice[];
  readonly progress: DiscoveryProgress | null;
  readonly finished: DiscoveryFinished | null;
  readonly pnp: PnpStatus;
}

/** What changes the view. */
export type DiscoveryAction =
  | { readonly type: 'snapshot'; readonly data: RequestOutput<'discovery:devices'> }
  | { readonly type: 'started'; readonly data: RequestOutput<'discovery:start'> }
  | { readonly type: 'event'; readonly event: UiEvent };

/** Before anything ran. */
export const EMPTY_VIEW: DiscoveryView = {
  scanId: null,
  running: false,
  devices: [],
  progress: null,
  finished: null,
  pnp: { state: 'off', message: '' },
};

function forRun(view: DiscoveryView, scanId: string): DiscoveryView {
  return view.scanId === scanId ? view : { ...EMPTY_VIEW, scanId, running: true };
}

function upsert(devices: readonly DiscoveredDevice[], device: DiscoveredDevice): DiscoveredDevice[] {
  return [...devices.filter((d) => d.mac !== device.mac), device].sort(compareDevices);
}

/** Applies one action. */
export function discoveryReducer(view: DiscoveryView, action: DiscoveryAction): DiscoveryView {
  switch (action.type) {
    case 'snapshot': {
      const { data } = action;
      return { scanId: data.scanId, running: data.running, devices: [...data.devices].sort(compareDevices), progress: data.progress, finished: data.finished, pnp: data.pnp };
    }
    case 'started': {
      const run = forRun(view, action.data.scanId);
      return run.finished ? run : { ...run, running: true, pnp: action.data.pnp };
    }
    case 'event': {
      const { event } = action;
      switch (event.event) {
        case 'discovery:device': {
          const run = forRun(view, event.payload.scanId);
          return { ...run, devices: upsert(run.devices, event.payload.device) };
        }
        case 'discovery:progress': {
          const run = forRun(view, event.payload.scanId);
          return run.finished ? run : { ...run, progress: event.payload };
        }
        case 'discovery:finished': {
          const run = forRun(view, event.payload.scanId);
          return { ...run, running: false, finished: event.payload, pnp: event.payload.pnp };
        }
        default:
          return view;
      }
    }
  }
}

/** A short line for the current phase. */
export function phaseLabel(view: DiscoveryView): string {
  if (view.finished) return view.finished.message;
  const progress = view.progress;
  if (!view.running || !progress) return '';
  switch (progress.phase) {
    case 'sweep':
      return `Sending probes: ${progress.sent} of ${progress.total} addresses`;
    case 'second-pass':
      return 'Second pass for addresses that did not answer yet';
    case 'settling':
      return 'Waiting for the last answers (about a second)';
    case 'listening':
      return `Sweep complete: ${progress.found} found. Listening for booting phones until you stop.`;
  }
}
