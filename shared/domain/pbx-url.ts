/**
 * PBX base URL validation and normalisation. Pure: no URL class (not in the shared lib), so the
 * parts are checked by hand, which also lets every refusal say exactly what is wrong.
 */

import { parseIpv4 } from './cidr';

/** The OpenAPI path under the base URL: `{base_url}/openapi/v1.0/{endpoint}`. */
export const API_PATH = 'openapi/v1.0';

/** A normalised PBX address. `baseUrl` has no path and no trailing slash, e.g. `https://192.0.2.10:8088`. */
export interface PbxAddress {
  readonly baseUrl: string;
  readonly protocol: 'https' | 'http';
  /** Host name or IP, lower case; IPv6 without brackets. */
  readonly host: string;
  /** The port actually used (443 / 80 when none was given). */
  readonly port: number;
  /** Things changed on the way that the technician may want to know (e.g. a dropped path). */
  readonly notes: readonly string[];
}

/** The outcome of {@link parsePbxBaseUrl}: the address, or why it was refused. */
export type PbxAddressParse = { ok: true; address: PbxAddress } | { ok: false; message: string };

const EXAMPLES = 'for example https://yourcompany.ras.yeastar.com or https://192.0.2.10:8088';
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV6 = /^[0-9a-f:.]+$/;

function refuse(message: string): PbxAddressParse {
  return { ok: false, message: `${message} Enter the PBX address, ${EXAMPLES}.` };
}

function checkHost(host: string): string | null {
  if (host === '') return 'The address has no host name.';
  if (/^[\d.]+$/.test(host)) {
    if (parseIpv4(host) !== null) return null;
    // A leading zero reads as octal to the URL and socket layers (192.168.001.010 is 192.168.1.8): refuse it.
    return /(^|\.)0\d/.test(host) ? `"${host}" is not a valid IPv4 address: write each number without leading zeros (e.g. 192.168.1.10).` : `"${host}" is not a valid IPv4 address.`;
  }
  if (host.length > 253) return 'The host name is too long.';
  const labels = host.split('.');
  if (labels.some((label) => !LABEL.test(label))) {
    return `"${host}" is not a valid host name: use letters, digits, dots and hyphens only.`;
  }
  return null;
}

/**
 * Validates and normalises what a technician typed as the PBX address. Accepts `https://name.ras.yeastar.com`,
 * `https://192.0.2.10:8088`, `http://192.0.2.10:80`, a bare host (https is assumed), trailing slashes and paths
 * (the API always lives at the root, so a path such as a copied `/openapi/v1.0/get_token` is dropped and noted).
 */
export function parsePbxBaseUrl(input: string): PbxAddressParse {
  let rest = input.trim();
  if (rest === '') return refuse('The PBX address is empty.');
  if (/\s/.test(rest)) return refuse('The PBX address must not contain spaces.');
  const notes: string[] = [];

  let protocol: 'https' | 'http' = 'https';
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name !== 'https' && name !== 'http') return refuse(`"${name}://" is not supported: the PBX API uses https:// (or http:// on a local appliance).`);
    protocol = name;
    rest = rest.slice(scheme[0].length);
  } else if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(rest)) {
    return refuse(`"${input.trim()}" does not look like a web address.`);
  } else {
    notes.push('No https:// or http:// was given: https is assumed.');
  }

  const cut = rest.search(/[/?#]/);
  const authority = cut === -1 ? rest : rest.slice(0, cut);
  const path = cut === -1 ? '' : rest.slice(cut);
  if (authority.includes('@')) return refuse('The PBX address must not contain a user name or password.');

  let host: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) return refuse('The IPv6 address is missing its closing "]".');
    host = authority.slice(1, close).toLowerCase();
    const after = authority.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return refuse('Unexpected text after the IPv6 address.');
    portText = after === '' ? undefined : after.slice(1);
    if (!IPV6.test(host) || !host.includes(':')) return refuse(`"${host}" is not a valid IPv6 address.`);
  } else {
    const parts = authority.split(':');
    if (parts.length > 2) return refuse('An IPv6 address must be written in brackets, e.g. https://[2001:db8::10]:8088.');
    host = (parts[0] ?? '').toLowerCase().replace(/\.$/, '');
    portText = parts[1];
    const problem = checkHost(host);
    if (problem) return refuse(problem);
  }

  let port = protocol === 'https' ? 443 : 80;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return refuse(`The port "${portText}" is not valid: use a number from 1 to 65535 (the PBX's web port, 8088 by default on an appliance).`);
    }
    port = Number(portText);
  }

  const trimmedPath = path.replace(/^\/+$/, '');
  if (trimmedPath !== '') notes.push(`The path "${trimmedPath}" was removed: the API is always at /${API_PATH} on the PBX address.`);

  const defaultPort = protocol === 'https' ? 443 : 80;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const baseUrl = `${protocol}://${hostPart}${port === defaultPort ? '' : `:${port}`}`;
  return { ok: true, address: { baseUrl, protocol, host, port, notes } };
}

/** The full URL of an endpoint (`phone/search`) under a normalised base URL, without query. */
export function pbxEndpointUrl(baseUrl: string, endpoint: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${API_PATH}/${endpoint.replace(/^\/+/, '')}`;
}
