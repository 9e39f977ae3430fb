import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A virtual serial cable: a socat pty pair with stable link paths. The app opens `appSide` like a
 * scanner's /dev/ttyACM0; the test plays the scanner by writing to `deviceSide`. Killing socat is an
 * unplug (both links vanish, the app's read fails); starting it again is a replug at the same paths.
 */
export class SocatCable {
  readonly appSide: string;
  readonly deviceSide: string;
  private child: ChildProcess | undefined;
  private fd: number | undefined;

  constructor(dir: string, name = 'scanner') {
    this.appSide = join(dir, `${name}-app`);
    this.deviceSide = join(dir, `${name}-device`);
  }

  /** Starts socat ("plugs in") and resolves once both link paths exist. */
  async plug(): Promise<void> {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.appSide}`, `pty,raw,echo=0,link=${this.deviceSide}`], { stdio: 'ignore' });
    this.child = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`socat exited early (code ${code})`))));
    // socat creates the links within ~20 ms; poll for the condition, fail if socat dies instead.
    const linked = (async () => {
      while (!(existsSync(this.appSide) && existsSync(this.deviceSide))) await new Promise((r) => setTimeout(r, 5));
    })();
    await Promise.race([linked, exited]);
  }

  /** Writes raw bytes as the scanner would send them. */
  write(data: string | Buffer): void {
    this.fd ??= openSync(this.deviceSide, 'w');
    writeSync(this.fd, typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Kills socat ("unplugs") and resolves once it has exited and the links are gone. */
  async unplug(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    await exited;
  }
}
