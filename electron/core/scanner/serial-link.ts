import { stat } from 'node:fs';
import { RegexParser, SerialPort } from 'serialport';
import type { AppError } from '../../../shared/contract';
import type { ScannerPortStatus } from '../../../shared/contract/scanner';
import { type SerialTerminator, cleanScanLine, terminatorPattern } from '../../../shared/scanner/serial-framing';
import type { Logger } from '../log';
import { describeSerialError } from './serial-errors';

/** Where a link is, and why it is not open when it is not. */
export interface LinkState {
  readonly state: ScannerPortStatus['state'];
  readonly error: AppError | undefined;
  readonly since: Date;
}

/** What a serial scanner link needs. */
export interface SerialLinkOptions {
  readonly path: string;
  readonly baudRate: number;
  readonly terminator: SerialTerminator;
  /** One code read (framing removed), with the time its terminator arrived. */
  readonly onScan: (raw: string, at: Date) => void;
  readonly onState: (state: LinkState) => void;
  readonly log: Logger;
  /** Waits between reopen attempts; the last one repeats. A replugged scanner is back within about a second. */
  readonly retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [100, 200, 400, 800, 1000] as const;
/** How often an open port's path is checked for an unplug the binding missed. */
const WATCH_INTERVAL_MS = 500;

/**
 * One serial scanner, kept open: when the port closes or fails (unplugged, USB reset), it reopens the same
 * path with backoff until the scanner is back, and reports every change of state. Each attempt uses a
 * fresh SerialPort, whose `lock` (flock on Unix) keeps a second program from reading the same scanner.
 */
export class SerialLink {
  private port: SerialPort | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<AppError | undefined> | undefined;
  private attempt = 0;
  private stopped = false;
  private current: LinkState = { state: 'opening', error: undefined, since: new Date() };

  constructor(private readonly options: SerialLinkOptions) {}

  /** The link's current state. */
  get state(): LinkState {
    return this.current;
  }

  /** One attempt to open now; resolves to why it failed (the link then stays idle), or undefined when open. */
  async openNow(): Promise<AppError | undefined> {
    this.clearTimer();
    if (this.port) return undefined;
    this.setState('opening', undefined);
    return this.tryOpen();
  }

  /** Opens now if it can, and otherwise keeps trying by itself (used for remembered scanners at start). */
  keepOpen(): void {
    void this.openNow().then((error) => {
      if (!error || this.stopped) return;
      this.setState('reconnecting', error);
      this.scheduleRetry();
    });
  }

  /** Closes the port and stops reconnecting. */
  async close(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    // An attempt under way closes its port itself when it sees `stopped`; wait for it, so the port is free on return.
    await this.inFlight;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((done) => port.close(() => done()));
    this.setState('closed', undefined);
  }

  private tryOpen(): Promise<AppError | undefined> {
    const attempt = this.openPort();
    this.inFlight = attempt;
    return attempt;
  }

  private openPort(): Promise<AppError | undefined> {
    const { path, baudRate } = this.options;
    return new Promise((resolve) => {
      const port = new SerialPort({ path, baudRate, autoOpen: false });
      // Reader and listeners go on BEFORE open: then the first read is pending when the device goes away, and
      // the binding sees the hang-up. Started after open, a read that begins after an unplug can get EOF
      // forever (bindings-cpp retries zero-byte reads in a loop) and the loss would go unnoticed.
      const parser = port.pipe(new RegexParser({ regex: terminatorPattern(this.options.terminator) }));
      parser.on('data', (line: string) => {
        const raw = cleanScanLine(line);
        if (raw && this.port === port) this.options.onScan(raw, new Date());
      });
      port.on('error', (error: Error) => this.lost(port, error));
      port.on('close', (error?: Error | null) => this.lost(port, error ?? undefined));
      port.open((error) => {
        if (error) {
          port.removeAllListeners();
          resolve(describeSerialError(error, path));
          return;
        }
        if (this.stopped) {
          port.close(() => resolve(undefined));
          return;
        }
        this.port = port;
        this.attempt = 0;
        this.watchPath(port);
        this.setState('open', undefined);
        resolve(undefined);
      });
    });
  }

  /**
   * Belt and braces for the hang-up: on Unix the device node (or socat's link) disappears on unplug, so a
   * port whose path is gone is lost even if the binding has not noticed. (Windows COM names are not files.)
   */
  private watchPath(port: SerialPort): void {
    if (process.platform === 'win32') return;
    const timer = setInterval(() => {
      if (this.port !== port) {
        clearInterval(timer);
        return;
      }
      stat(this.options.path, (error) => {
        if (error?.code === 'ENOENT') this.lost(port, new Error('the port disappeared'));
      });
    }, WATCH_INTERVAL_MS);
    timer.unref();
  }

  private lost(port: SerialPort, error: Error | undefined): void {
    if (this.port !== port) return;
    this.port = undefined;
    if (port.isOpen) port.close();
    if (this.stopped) return;
    this.options.log.warn('serial scanner lost', { path: this.options.path, error: error?.message });
    this.setState('reconnecting', {
      code: 'serial',
      message: `The scanner on ${this.options.path} was unplugged or stopped answering. Reconnecting by itself…`,
      hint: 'Plug the scanner back in: it is picked up again within a second.',
    });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const delay = delays[Math.min(this.attempt, delays.length - 1)] ?? 1000;
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tryOpen().then((error) => {
        if (!error || this.stopped) return;
        // Only a changed reason is reported, so a scanner left unplugged does not flood the UI with events.
        if (error.message !== this.current.error?.message) this.setState('reconnecting', error);
        this.scheduleRetry();
      });
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setState(state: LinkState['state'], error: AppError | undefined): void {
    if (state === this.current.state && error?.message === this.current.error?.message) return;
    this.current = { state, error, since: new Date() };
    this.options.onState(this.current);
  }
}
