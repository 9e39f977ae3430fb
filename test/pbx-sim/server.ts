/**
 * The simulator's HTTP pipeline: path and version, latency, scheduled faults, IP block, User-Agent,
 * token check, then the endpoint. Every request is recorded so tests can count and inspect them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { failure, required } from './envelope';
import { CAPTIVE_PORTAL_HTML, type FaultKind, type FaultSchedule, type FaultSpec, HTTP_500_HTML } from './faults';
import { ROUTES, type SimWorld } from './routes';
import type { SimReply } from './types';

/** One request as the simulator saw it. */
export interface RequestRecord {
  readonly endpoint: string;
  readonly method: string;
  readonly ip: string;
  readonly at: number;
  readonly userAgent: string | null;
  /** True when the request carried `access_token` in its query string. */
  readonly tokenInQuery: boolean;
  status: number | null;
  errcode: number | null;
  fault: FaultKind | null;
}

/** What the pipeline needs from the simulator. */
export interface PipelineContext {
  readonly world: SimWorld;
  readonly faults: FaultSchedule;
  readonly records: RequestRecord[];
  readonly counts: Map<string, number>;
  readonly now: () => number;
  /** Answers held open by `timeout` faults, released on close. */
  readonly hanging: Set<ServerResponse>;
}

const PORTAL = '<!DOCTYPE html><html><head><title>Yeastar P-Series (simulated)</title></head><body><h1>PBX web portal (simulated)</h1><p>The OpenAPI is at /openapi/v1.0/.</p></body></html>';
const MAX_BODY = 2 * 1024 * 1024;

function clientIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, record: RequestRecord, reply: SimReply): void {
  const status = reply.status ?? 200;
  record.status = status;
  record.errcode = typeof reply.body.errcode === 'number' ? reply.body.errcode : null;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
  res.end(JSON.stringify(reply.body));
}

function sendHtml(res: ServerResponse, record: RequestRecord | null, status: number, html: string): void {
  if (record) record.status = status;
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' });
  res.end(html);
}

/** Applies a fault to the answer. Returns false when the request should still be answered normally. */
function applyFault(ctx: PipelineContext, fault: FaultSpec, req: IncomingMessage, res: ServerResponse, record: RequestRecord): boolean {
  record.fault = fault.kind;
  switch (fault.kind) {
    case 'http500':
      sendHtml(res, record, 500, HTTP_500_HTML);
      return true;
    case 'html':
      sendHtml(res, record, 200, CAPTIVE_PORTAL_HTML);
      return true;
    case 'timeout':
      ctx.hanging.add(res);
      res.on('close', () => ctx.hanging.delete(res));
      return true;
    case 'drop':
      req.socket.destroy();
      return true;
    case 'errcode':
      sendJson(res, record, failure(fault.errcode ?? -2));
      return true;
    case 'expire-tokens':
      ctx.world.auth.expireAll(fault.refreshToo ?? false);
      return false;
  }
}

function process(ctx: PipelineContext, req: IncomingMessage, version: string, endpoint: string, query: URLSearchParams, text: string): SimReply {
  const { world } = ctx;
  const ip = clientIp(req);
  if (world.auth.isBlocked(ip)) return failure(world.knobs.blockedErrcode);
  if (world.knobs.requireUserAgent && !req.headers['user-agent']) {
    return failure(40001, { invalid_param_list: [required('User-Agent')], submsg: 'The User-Agent header is required on every request' });
  }
  if (version !== 'v1.0') return failure(10003);
  const route = ROUTES[endpoint];
  if (!route) return failure(10001);
  if (route.method !== req.method) return failure(10001, { submsg: `${endpoint} must be called with ${route.method}` });
  let body: unknown = undefined;
  if (route.method === 'POST') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return failure(40001);
    }
  }
  if (route.token) {
    const denied = world.auth.check(query.get('access_token'));
    if (denied) return denied;
  }
  return route.handle({ endpoint, method: req.method, ip, query, body }, world, req.headers.host ?? 'pbx-sim.local');
}

/** Serves one HTTP request. Never throws: a bug answers HTTP 500 with its message. */
export async function serve(ctx: PipelineContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://pbx.invalid');
  const match = /^\/openapi\/([^/]+)\/(.+?)\/?$/.exec(url.pathname);
  if (!match) {
    sendHtml(res, null, url.pathname === '/' ? 200 : 404, PORTAL);
    return;
  }
  const [, version = '', endpoint = ''] = match;
  const endpointCall = (ctx.counts.get(endpoint) ?? 0) + 1;
  const anyCall = (ctx.counts.get('*') ?? 0) + 1;
  ctx.counts.set(endpoint, endpointCall);
  ctx.counts.set('*', anyCall);
  const record: RequestRecord = {
    endpoint, method: req.method ?? '', ip: clientIp(req), at: ctx.now(), userAgent: req.headers['user-agent'] ?? null,
    tokenInQuery: url.searchParams.has('access_token'), status: null, errcode: null, fault: null,
  };
  ctx.records.push(record);
  try {
    const text = await readBody(req);
    const latency = ctx.world.knobs.latencyMs;
    if (latency > 0) await delay(latency);
    const fault = ctx.faults.take(endpoint, endpointCall, anyCall);
    if (fault && !fault.afterApply && applyFault(ctx, fault, req, res, record)) return;
    const reply = process(ctx, req, version, endpoint, url.searchParams, text);
    if (fault?.afterApply && applyFault(ctx, fault, req, res, record)) return;
    sendJson(res, record, reply);
  } catch (error) {
    if (!res.headersSent && !res.destroyed) sendHtml(res, record, 500, `<pre>${String(error)}</pre>`);
  }
}
