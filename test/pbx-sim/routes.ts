/** The simulated OpenAPI endpoints: method, whether a token is needed, and the handler. */
import type { AuthState } from './auth';
import { compatibilityRoute } from './compat';
import { extensionsRoute } from './extensions';
import type { PhoneStore } from './phones';
import type { CompatVendor, SimExtension, SimKnobs, SimReply, SimRequest } from './types';

/** Everything a handler can read or change. */
export interface SimWorld {
  readonly knobs: SimKnobs;
  readonly auth: AuthState;
  readonly phones: PhoneStore;
  extensions: SimExtension[];
  compatibility: CompatVendor[];
}

/** One endpoint. `token: false` for the two calls made before there is a token. */
export interface Route {
  readonly method: 'GET' | 'POST';
  readonly token: boolean;
  readonly handle: (req: SimRequest, world: SimWorld, host: string) => SimReply;
}

const registered = (world: SimWorld) => (extId: number): boolean =>
  [...world.phones.phones.values()].some((p) => p.ext_id === extId && p.assigned_ext_status === 'Registered');

/** Every endpoint the simulator serves, by path under `/openapi/v1.0/`. */
export const ROUTES: Readonly<Record<string, Route>> = {
  get_token: { method: 'POST', token: false, handle: (req, w) => w.auth.getToken(req) },
  refresh_token: { method: 'POST', token: false, handle: (req, w) => w.auth.refreshToken(req) },
  del_token: { method: 'GET', token: true, handle: (req, w) => w.auth.delToken(req) },
  'extension/list': { method: 'GET', token: true, handle: (req, w) => extensionsRoute(req, w.extensions, w.knobs, registered(w)) },
  'extension/search': { method: 'GET', token: true, handle: (req, w) => extensionsRoute(req, w.extensions, w.knobs, registered(w)) },
  'phone/search': { method: 'GET', token: true, handle: (req, w) => w.phones.search(req) },
  'phone/get': { method: 'GET', token: true, handle: (req, w) => w.phones.get(req) },
  'phone/batchcreate': { method: 'POST', token: true, handle: (req, w) => w.phones.batchCreate(req) },
  'phone/batchdelete': { method: 'POST', token: true, handle: (req, w) => w.phones.batchDelete(req) },
  'auto_provisioning/compatibility': { method: 'GET', token: true, handle: (req, w, host) => compatibilityRoute(req, w.compatibility, w.knobs.edition, host) },
};
