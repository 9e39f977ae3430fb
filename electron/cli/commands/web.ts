import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../../core/core';
import { defaultDataDir } from '../../core/paths';
import { type CliCommand, intOption, untilStopped } from '../command';

/** The built renderer the browser shell serves (`npm run build` makes it). */
export const RENDERER_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

/** Throws, with what to do, when the renderer has not been built. */
export function assertRendererBuilt(): void {
  if (!existsSync(`${RENDERER_DIR}/index.html`)) throw new Error('the renderer is not built: run `npm run build` (or use `npm run web`, which builds first).');
}

/** `onsite web`: the browser shell, for machines where Electron cannot start. */
export const webCommand: CliCommand = {
  name: 'web',
  usage: 'web [--port N] [--data-dir DIR]',
  summary: 'Serve the app to a local browser on 127.0.0.1 (token-protected).',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
      strict: true,
    });
    const port = intOption('port', values.port, 0, 65535) ?? 0;
    assertRendererBuilt();
    const dataDir = values['data-dir'] ?? defaultDataDir();
    const core = createCore({ dataDir, shell: 'web' });
    core.openDataFolder(); // refuses (exit 2, with the reason) if the desktop app has this data folder
    // Loaded here, not at the top: the WebSocket server (ws, zlib) costs ~0.4 s to load, which other commands need not pay.
    const { startWebShell } = await import('../../web/server');
    let shell: Awaited<ReturnType<typeof startWebShell>>;
    try {
      shell = await startWebShell({ core, staticDir: RENDERER_DIR, port });
    } catch (error) {
      await core.close(); // e.g. the port is taken: release the data folder before saying so
      throw error;
    }
    io.out(JSON.stringify({ url: shell.url, dataDir }));
    io.err(`OnSite Provisioner is running. Open this address in Chromium, Chrome, Edge or Firefox:\n\n  ${shell.url}\n\nThe address holds this run's access token: do not share it. Press Ctrl+C to stop.`);
    await untilStopped();
    await shell.close();
    await core.close();
    return 0;
  },
};
