/**
 * Compatibility data (`auto_provisioning/compatibility`): vendors, models, templates, methods.
 * Model names follow the P-Series "permitted values" list (Yealink `SIP-T54W`, Fanvil `X4U`, …); the Yealink
 * template names `YSDP_YealinkT5` / `YSDP_YealinkCP` are the documented defaults, the others follow the same
 * `YSDP_<Vendor><Family>` pattern (their exact names on a real PBX are UNCONFIRMED: always read them live).
 */
import { failure, invalid, required, success } from './envelope';
import type { CompatModel, CompatVendor, Edition, Method, SimReply, SimRequest } from './types';

const ALL: Method[] = ['pnp', 'dhcp', 'rps', 'rps_fqdn'];
// Old Yealink models lost RPS from firmware x.20.0.74 (they keep PnP/DHCP).
const NO_RPS: Method[] = ['pnp', 'dhcp'];
// Snom phones do not support DHCP option 66 provisioning.
const SNOM: Method[] = ['pnp', 'rps', 'rps_fqdn'];

function family(models: readonly string[], template: string, methods: Method[], type = 'Deskphone', extra: string[] = []): CompatModel[] {
  return models.map((value) => ({ value, type, templates: [template, ...extra], methods }));
}

/** The default compatibility data: Yealink, Fanvil, Grandstream and Snom with real model names. */
export function defaultCompatibility(): CompatVendor[] {
  return [
    {
      value: 'Yealink', text: 'Yealink', type: 'Deskphone',
      models: [
        ...family(['SIP-T31P', 'SIP-T31G', 'SIP-T33G', 'SIP-T34W'], 'YSDP_YealinkT3', ALL),
        ...family(['SIP-T43U', 'SIP-T44U', 'SIP-T46U', 'SIP-T48U'], 'YSDP_YealinkT4', ALL),
        ...family(['SIP-T53', 'SIP-T53W', 'SIP-T54W', 'SIP-T57W', 'SIP-T58W'], 'YSDP_YealinkT5', ALL, 'Deskphone', ['Custom_Reception_T5']),
        ...family(['SIP-T46G', 'SIP-T48G', 'SIP-T54S'], 'YSDP_YealinkT4', NO_RPS),
        ...family(['SIP-CP960', 'CP920'], 'YSDP_YealinkCP', ALL, 'Conference'),
        ...family(['W70B', 'SIP-W80DM'], 'YSDP_YealinkDECT', ALL, 'DECT'),
      ],
    },
    {
      value: 'Fanvil', text: 'Fanvil', type: 'Deskphone',
      models: [...family(['X3U', 'X4U', 'X5U', 'X6U', 'X210', 'X7A'], 'YSDP_FanvilX', ALL), ...family(['H5W'], 'YSDP_FanvilH', ALL)],
    },
    {
      value: 'Grandstream', text: 'Grandstream', type: 'Deskphone',
      models: [...family(['GRP2612', 'GRP2613', 'GRP2614', 'GRP2616'], 'YSDP_GrandstreamGRP', ALL), ...family(['GXP2160', 'GXP2170'], 'YSDP_GrandstreamGXP', ALL)],
    },
    {
      value: 'Snom', text: 'Snom', type: 'Deskphone',
      models: [...family(['D717', 'D735', 'D785'], 'YSDP_SnomD7', SNOM), ...family(['D385'], 'YSDP_SnomD3', SNOM)],
    },
  ];
}

/** The methods a model offers on this edition (Cloud Edition: `rps` only). */
export function methodsFor(model: CompatModel, edition: Edition): Method[] {
  return edition === 'cloud' ? model.methods.filter((m) => m === 'rps') : model.methods;
}

/** Finds a vendor and model by their `value`s. */
export function findModel(compat: readonly CompatVendor[], vendor: string, model: string): { vendor?: CompatVendor; model?: CompatModel } {
  const v = compat.find((x) => x.value === vendor);
  return { vendor: v, model: v?.models.find((m) => m.value === model) };
}

function linkFor(method: Method, hostHeader: string, edition: Edition): string {
  const host = hostHeader.replace(/:\d+$/, '');
  const token = Buffer.from(`${method}-${host}`).toString('base64url').slice(0, 16);
  if (edition === 'cloud' || method === 'rps' || method === 'rps_fqdn') return `https://${host}/api/autoprovision/${token}`;
  return `http://${host}:7778/api/autoprovision/${token}`;
}

/** `GET auto_provisioning/compatibility?menu=…`. */
export function compatibilityRoute(req: SimRequest, compat: readonly CompatVendor[], edition: Edition, host: string): SimReply {
  const menu = req.query.get('menu');
  const vendor = req.query.get('vendor');
  const model = req.query.get('model');
  const option = (text: string, value: string, type: string): Record<string, string> => ({ text, value, type });
  switch (menu) {
    case null:
      return failure(40002, { invalid_param_list: [required('menu')] });
    case 'phone_vendor':
      return success({ data: compat.map((v) => option(v.text, v.value, v.type)) });
    case 'phone_model': {
      if (!vendor) return failure(40002, { invalid_param_list: [required('vendor')] });
      const v = compat.find((x) => x.value === vendor);
      if (!v) return failure(40002, { invalid_param_list: [invalid('vendor', vendor)] });
      return success({ data: v.models.map((m) => option(m.value, m.value, m.type)) });
    }
    case 'phone_template': {
      if (!model) return failure(40002, { invalid_param_list: [required('model')] });
      const candidates = compat.filter((v) => !vendor || v.value === vendor).flatMap((v) => v.models.filter((m) => m.value === model));
      if (candidates.length === 0) return failure(40002, { invalid_param_list: [invalid('model', model)] });
      const templates = [...new Set(candidates.flatMap((m) => m.templates))];
      return success({ data: templates.map((t) => option(t, t, t.startsWith('YSDP_') ? 'default' : 'custom')) });
    }
    case 'autop_method': {
      if (!vendor || !model) return failure(40002, { invalid_param_list: [required(vendor ? 'model' : 'vendor')] });
      const found = findModel(compat, vendor, model).model;
      if (!found) return failure(40002, { invalid_param_list: [invalid('model', model)] });
      return success({ data: methodsFor(found, edition).map((m) => option(linkFor(m, host, edition), m, 'autop_method')) });
    }
    default:
      return failure(40002, { invalid_param_list: [invalid('menu', menu)] });
  }
}
