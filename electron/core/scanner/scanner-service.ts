import { AppFailure } from '../../../shared/contract';
import type { ScannerPortStatus, SerialPortInfo } from '../../../shared/contract/scanner';
import type { BarcodeClassification } from '../../../shared/domain/barcode';
import type { SerialTerminator } from '../../../shared/scanner/serial-framing';
import type { WedgeSettings } from '../../../shared/scanner/wedge-settings';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import { type PortLister, listSerialPorts } from './port-list';
import type { ScannerPrefs, ScannerPrefsStore } from './scanner-prefs';
import { type LinkState, SerialLink } from './serial-link';

/** What the scanner service needs from the core. */
export interface ScannerServiceDeps {
  readonly events: EventHub;
  readonly log: Logger;
  /** The shared barcode classifier (with the core's IEEE registry lookup). */
  readonly classify: (text: string) => BarcodeClassification;
  readonly prefs: ScannerPrefsStore;
  readonly lister?: PortLister;
}

/** Settings of one serial scanner. */
export interface SerialScannerSettings {
  readonly path: string;
  readonly baudRate: number;
  readonly terminator: SerialTerminator;
}

interface Entry {
  readonly settings: SerialScannerSettings;
  readonly link: SerialLink;
  scans: number;
}

/**
 * The serial scanners the app uses: opens them, keeps them open across unplugs, classifies every code
 * read and emits it as `scanner:scan`, reports `scanner:port-state`, and remembers the chosen ports (and
 * the wedge thresholds) for this machine.
 */
export class ScannerService {
  private readonly entries = new Map<string, Entry>();
  private loaded: ScannerPrefs | undefined;

  constructor(private readonly deps: ScannerServiceDeps) {}

  /** The saved choices, read on first use: the data folder is not touched before something needs it. */
  private get prefs(): ScannerPrefs {
    return (this.loaded ??= this.deps.prefs.load());
  }

  private set prefs(next: ScannerPrefs) {
    this.loaded = next;
  }

  /** Reopens the scanners remembered for this machine (once); ones not plugged in are waited for. */
  restore(): void {
    for (const port of this.prefs.ports) {
      if (this.entries.has(port.path)) continue;
      const entry = this.makeEntry(port);
      this.entries.set(port.path, entry);
      entry.link.keepOpen();
    }
  }

  /** The OS's serial ports, with scanner makers marked. */
  listPorts(): Promise<{ ports: SerialPortInfo[]; listError?: string }> {
    const open = new Set([...this.entries].filter(([, e]) => e.link.state.state === 'open').map(([path]) => path));
    return listSerialPorts(open, this.deps.lister);
  }

  /**
   * Opens a scanner (reopening it with new settings when it is already in use) and remembers it.
   * Throws a `serial` failure, with what to do, when the port is busy, not permitted or missing.
   */
  async connect(settings: SerialScannerSettings): Promise<ScannerPortStatus> {
    const existing = this.entries.get(settings.path);
    if (existing && sameSettings(existing.settings, settings) && existing.link.state.state === 'open') return this.statusOf(existing);
    if (existing) await this.drop(settings.path);
    const entry = this.makeEntry(settings);
    this.entries.set(settings.path, entry);
    const error = await entry.link.openNow();
    if (error) {
      await this.drop(settings.path);
      throw new AppFailure(error.code, error.message, error.hint ? { hint: error.hint } : {});
    }
    this.remember();
    return this.statusOf(entry);
  }

  /** Closes a scanner and forgets it; false when it was not in use. */
  async disconnect(path: string): Promise<boolean> {
    const known = await this.drop(path);
    this.remember();
    return known;
  }

  /** Every scanner in use. */
  status(): ScannerPortStatus[] {
    return [...this.entries.values()].map((entry) => this.statusOf(entry));
  }

  /** Wedge thresholds for this machine. */
  get wedgeSettings(): WedgeSettings {
    return this.prefs.wedge;
  }

  /** Saves wedge thresholds for this machine. */
  saveWedgeSettings(settings: WedgeSettings): WedgeSettings {
    this.prefs = { ...this.prefs, wedge: settings };
    if (!this.persist()) {
      throw new AppFailure('storage', 'The scanner settings apply now but could not be saved for the next start.', {
        hint: 'Check that the data folder is writable and has free space.',
      });
    }
    return settings;
  }

  /** Closes every port (the remembered list is kept for the next start). */
  async close(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => entry.link.close()));
    this.entries.clear();
  }

  private makeEntry(settings: SerialScannerSettings): Entry {
    const { events, log, classify } = this.deps;
    const entry: Entry = {
      settings,
      scans: 0,
      link: new SerialLink({
        ...settings,
        log,
        onScan: (raw, at) => {
          entry.scans += 1;
          events.emit('scanner:scan', { source: 'scanned-serial', port: settings.path, raw, classification: classify(raw), at: at.toISOString() });
        },
        onState: (state) => {
          // A port being replaced or dropped reports its closing, but it is no longer "the" port for that path.
          if (this.entries.get(settings.path) === entry || state.state === 'closed') events.emit('scanner:port-state', this.statusOf(entry, state));
        },
      }),
    };
    return entry;
  }

  private async drop(path: string): Promise<boolean> {
    const entry = this.entries.get(path);
    if (!entry) return false;
    this.entries.delete(path);
    await entry.link.close();
    return true;
  }

  private statusOf(entry: Entry, state: LinkState = entry.link.state): ScannerPortStatus {
    return {
      ...entry.settings,
      state: state.state,
      ...(state.error ? { error: state.error } : {}),
      scans: entry.scans,
      since: state.since.toISOString(),
    };
  }

  /** Saves the ports in use for the next start. A failure is logged: the scanners keep working now. */
  private remember(): void {
    const ports = [...this.entries.values()].map((e) => ({ ...e.settings }));
    this.prefs = { ...this.prefs, ports };
    this.persist();
  }

  private persist(): boolean {
    try {
      this.deps.prefs.save(this.prefs);
      return true;
    } catch (error) {
      this.deps.log.error('scanner prefs not saved', { error });
      return false;
    }
  }
}

function sameSettings(a: SerialScannerSettings, b: SerialScannerSettings): boolean {
  return a.path === b.path && a.baudRate === b.baudRate && a.terminator === b.terminator;
}
