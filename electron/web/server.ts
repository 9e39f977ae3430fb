import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { RENDERER_CONTENT_TYPES, RENDERER_CSP } from '../../shared/contract/csp';
import { type WireServerMessage, wireClientMessageSchema } from '../../shared/contract/wire';
import type { Core } from '../core/core';

/** Options for the browser shell. */
export interface WebShellOptions {
  readonly core: Core;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; normally a fresh random one per run. */
  readonly token?: string;
}

/** A running browser shell. */
export interface WebShell {
  /** The URL to open, token included (in the fragment, so it never reaches server logs or Referer). */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the built renderer and the contract over a WebSocket on 127.0.0.1 only.
 * The socket demands the per-run token and an Origin and Host of this very server, so neither
 * another local user's page nor a DNS-rebinding site can drive the core.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  let port = 0;
  const allowedOrigins = (): string[] => [`http://${HOST}:${port}`, `http://localhost:${port}`];
  const allowedHosts = (): string[] => [`${HOST}:${port}`, `localhost:${port}`];

  const serveFile = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      res.writeHead(421).end('Wrong host');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root + sep) && path !== root) {
      res.writeHead(404).end();
      return;
    }
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) path = join(root, 'index.html');
    const body = await readFile(path).catch(() => undefined);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('The renderer is not built: run `npm run build` first.');
      return;
    }
    res.writeHead(200, {
      'content-type': RENDERER_CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    serveFile(req, res).catch((error: unknown) => {
      options.core.log.error('web shell: static file failed', { error });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const refuse = (status: number, why: string): void => {
      options.core.log.warn('web shell: socket refused', { why, origin: req.headers.origin ?? '(none)' });
      socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse(404, 'Not Found');
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(403, 'Forbidden host');
    if (!allowedOrigins().includes(req.headers.origin ?? '')) return refuse(403, 'Forbidden origin');
    if (!sameSecret(url.searchParams.get('token'), token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, options.core));
  });

  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(options.port ?? 0, HOST, () => done());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** Connects one browser tab to the core: requests in, responses and events out. */
function attach(ws: WebSocket, core: Core): void {
  const send = (message: WireServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  let unsubscribe: (() => void) | undefined;
  ws.on('message', (raw) => {
    let data: unknown;
    try {
      data = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.concat(raw instanceof ArrayBuffer ? [Buffer.from(raw)] : raw).toString('utf8'));
    } catch {
      core.log.warn('web shell: message is not JSON');
      return;
    }
    const message = wireClientMessageSchema.safeParse(data);
    if (!message.success) {
      core.log.warn('web shell: malformed message');
      return;
    }
    if (message.data.type === 'ready') {
      // The UI says it can take events now: only then is the backlog flushed to it.
      unsubscribe ??= core.events.subscribe((item) => send({ type: 'event', event: item.event, payload: item.payload }));
      return;
    }
    const { id, channel, payload } = message.data;
    void core.dispatch(channel, payload).then((result) => send({ type: 'response', id, result }));
  });
  ws.on('close', () => unsubscribe?.());
}
