import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { main } from '../../electron/cli/main';
import type { WebShell } from '../../electron/web/server';
import { gotoScreen } from '../support/screens';
import { chromium, describeWith } from '../support/system';
import { tempDir } from '../support/temp';
import { useBrowserShell } from '../support/web-shell';

/** Opens a raw socket to the shell with the given token and Origin; resolves to the HTTP status or 101. */
function socketStatus(shell: WebShell, token: string | undefined, origin: string | undefined): Promise<number> {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws${query}`, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describeWith(chromium(), 'browser shell (npm run web) in headless Chromium', () => {
  const h = useBrowserShell();

  it('loads the app on the Site screen and talks to the core over the token-protected socket', async () => {
    const page = await h.browser.newPage();
    await page.goto(h.shell.url);
    await page.locator('[data-testid="app-ready"][data-ready="yes"]').waitFor();
    expect(await page.getByTestId('link-state').textContent()).toBe('Connected');
    expect(await page.locator('.nav-current').textContent()).toContain('Site');
    await gotoScreen(page, 'About');
    await page.locator('main', { hasText: h.dataDir }).waitFor();
    await page.close();
  });

  it('shows a clear message, not a blank page, when opened without the token', async () => {
    const page = await h.browser.newPage();
    await page.goto(`http://127.0.0.1:${h.shell.port}/`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('without its access token');
    await page.close();
  });

  it('refuses a socket without the token, with a wrong token, or from another Origin', async () => {
    const own = `http://127.0.0.1:${h.shell.port}`;
    expect(await socketStatus(h.shell, h.shell.token, own)).toBe(101);
    expect(await socketStatus(h.shell, undefined, own)).toBe(401);
    expect(await socketStatus(h.shell, `${h.shell.token}x`, own)).toBe(401);
    expect(await socketStatus(h.shell, h.shell.token, 'http://evil.example')).toBe(403);
    expect(await socketStatus(h.shell, h.shell.token, undefined)).toBe(403);
  });

  it('refuses a page from another local origin in the browser itself, even with the right token', async () => {
    // Another program's page on another loopback port: same host, different origin.
    const other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>other app</p>'));
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', () => done()));
    const page = await h.browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const target = `ws://127.0.0.1:${h.shell.port}/ws?token=${h.shell.token}`;
      // A string, so the test runner's import of `ws` does not leak into the page.
      const outcome = await page.evaluate(`new Promise((resolve) => {
        const ws = new WebSocket(${JSON.stringify(target)});
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      })`);
      expect(outcome).toBe('refused');
    } finally {
      await page.close();
      other.close();
    }
  });
});

describe('onsite web on a port that is taken', () => {
  const dir = tempDir('osp-web-port-');
  afterAll(() => dir.cleanup());

  it('says so, exits 2 and releases the data folder', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', () => done()));
    const { port } = taken.address() as AddressInfo;
    const err: string[] = [];
    try {
      const code = await main(['web', '--port', String(port), '--data-dir', dir.path], { out: () => undefined, err: (line) => err.push(line) });
      expect(code).toBe(2);
    } finally {
      taken.close();
    }
    expect(err.join('\n')).toContain('EADDRINUSE');
    expect(existsSync(join(dir.path, 'onsite.lock'))).toBe(false);
  });
});
