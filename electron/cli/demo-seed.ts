/**
 * What `onsite demo` puts in its own data folder: a PBX profile for the simulator it started (certificate pinned,
 * connection tested, offline data fetched) and a site project with planned rows. Everything goes through the
 * contract (`core.dispatch`), exactly as the UI would do it. Also the rules that keep the demo away from a
 * technician's real data folder.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Channel, RequestInput, RequestOutput } from '../../shared/contract';
import { emptyRow, type Row } from '../../shared/domain/project';
import type { Core } from '../core/core';
import { defaultDataDir } from '../core/paths';

/** The file that marks a folder as the demo's own, so a later run may wipe it. */
const DEMO_MARKER = 'onsite-demo.json';
/** The demo profile's name, as the PBX screen shows it. */
export const DEMO_PROFILE_NAME = 'Demo PBX (simulator)';
/** The demo project's name. */
export const DEMO_PROJECT_NAME = 'Demo site: Riverside Clinic';

/** Where the simulator the demo started listens, and how to log in. */
export interface DemoPbx {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fingerprint256: string;
}

/** What was seeded. */
export interface DemoSeed {
  readonly profileId: string;
  readonly projectId: string;
  readonly rows: number;
}

/**
 * Makes `dir` an empty demo folder: creates it, or wipes a folder an earlier demo made (it has the marker).
 * Refuses the technician's own data folder and any non-empty folder without the marker, so a wrong
 * `--data-dir` can never cost real projects.
 */
export function prepareDemoDir(dir: string, env: NodeJS.ProcessEnv = process.env): void {
  const target = resolve(dir);
  const real = [defaultDataDir({ ...env, ONSITE_DATA_DIR: '' }), env.ONSITE_DATA_DIR].filter((d): d is string => Boolean(d)).map((d) => resolve(d));
  if (real.includes(target)) throw new Error(`${target} is the app's real data folder: the demo never uses it. Leave out --data-dir, or give an empty folder.`);
  if (existsSync(target) && readdirSync(target).length > 0) {
    if (!existsSync(join(target, DEMO_MARKER))) {
      throw new Error(`${target} is not empty and is not a demo folder (it has no ${DEMO_MARKER}): the demo does not touch it. Give an empty folder, or leave out --data-dir.`);
    }
    rmSync(target, { recursive: true, force: true });
  }
  mkdirSync(target, { recursive: true, mode: 0o700 });
  // The marker goes first, so even a demo stopped half-way leaves a folder the next run may wipe.
  writeFileSync(join(target, DEMO_MARKER), `${JSON.stringify({ kind: 'onsite-demo', createdAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
}

/** Calls a channel and returns its typed data; a failure throws with the channel's message. */
export async function call<C extends Channel>(core: Core, channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`demo: ${channel} failed: ${result.error.message}`);
  return result.data as RequestOutput<C>;
}

/** Planned rows for the demo: Yealink phones with extensions that have no phone yet, two still without a MAC (to be scanned). */
function plannedRows(snapshot: RequestOutput<'pbx:snapshot'>['snapshot']): Row[] {
  const vendors = snapshot.compatibility?.vendors ?? [];
  const vendor = vendors.find((v) => v.value === 'Yealink') ?? vendors[0];
  const model = vendor?.models.find((m) => m.value === 'SIP-T54W') ?? vendor?.models.find((m) => m.templates.length > 0);
  const method = model?.methods.includes('pnp') ? 'pnp' : (model?.methods[0] ?? '');
  const taken = new Set((snapshot.phones?.items ?? []).map((p) => p.extension));
  const free = (snapshot.extensions?.items ?? []).map((e) => e.number).filter((n) => !taken.has(n)).slice(0, 12);
  const places = ['Reception', 'Waiting room', 'Consulting 1', 'Consulting 2', 'Consulting 3', 'Pharmacy', 'Lab', 'Office 1', 'Office 2', 'Staff room', 'Store', 'Manager'];
  return free.map((extension, i) => ({
    ...emptyRow(randomUUID()),
    // 80:5E:C0 is Yealink's block; the 0xDE byte keeps these apart from the simulator's own phones.
    mac: i < 10 ? `80:5e:c0:de:00:${(i + 1).toString(16).padStart(2, '0')}` : '',
    vendor: vendor?.value ?? '',
    model: model?.value ?? '',
    template: model?.templates[0] ?? '',
    method: method as Row['method'],
    extension,
    location: places[i] ?? '',
  }));
}

/** Seeds the demo folder's core: profile (pinned, tested, refreshed) and project (planned rows, opened next). */
export async function seedDemo(core: Core, pbx: DemoPbx): Promise<DemoSeed> {
  const { profile } = await call(core, 'pbx:save-profile', { name: DEMO_PROFILE_NAME, baseUrl: pbx.url, clientId: pbx.clientId, secret: pbx.clientSecret });
  // The demo started this simulator itself, so it may trust the simulator's own certificate without asking.
  await call(core, 'pbx:trust-certificate', { id: profile.id, fingerprint256: pbx.fingerprint256 });
  await call(core, 'pbx:test-connection', { id: profile.id });
  const view = await call(core, 'pbx:refresh', { id: profile.id });
  const project = await call(core, 'projects:create', {
    name: DEMO_PROJECT_NAME,
    pbxProfileId: profile.id,
    notes: 'A demo project against the simulated PBX: nothing here reaches a real phone system.',
  });
  const rows = plannedRows(view.snapshot);
  await call(core, 'projects:save-rows', { id: project.id, rows });
  await call(core, 'settings:update', { lastProjectId: project.id, technicianName: 'Demo technician' });
  return { profileId: profile.id, projectId: project.id, rows: rows.length };
}
