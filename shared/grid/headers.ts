/**
 * Column names people and the PBX use for the grid's fields, for CSV import mapping and for spotting a header
 * row in pasted text. Matching ignores case, spaces, `_`, `-` and `.` (`MAC Address` = `mac_address`).
 */

/** What a file column can be imported as. `name` is the extension's name (checked, never imported). */
export const IMPORT_TARGETS = ['mac', 'extension', 'vendor', 'model', 'template', 'method', 'auth', 'location', 'name', 'serial', 'rpsPin', 'shared', 'hotDesking'] as const;

/** An import target. */
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** People-facing names of the targets, for the mapping dialog. */
export const TARGET_LABELS: Readonly<Record<ImportTarget, string>> = {
  mac: 'MAC',
  extension: 'Extension',
  vendor: 'Vendor',
  model: 'Model',
  template: 'Template',
  method: 'Provisioning method',
  auth: 'First-time authentication',
  location: 'Location / label',
  name: 'Extension name (checked only)',
  serial: 'Serial number',
  rpsPin: 'RPS PIN',
  shared: 'Shared extension',
  hotDesking: 'Hot desking',
};

const ALIASES: Readonly<Record<ImportTarget, readonly string[]>> = {
  mac: ['mac', 'macaddress', 'macaddr', 'hwaddress', 'physicaladdress'],
  extension: ['extension', 'ext', 'extno', 'extensionnumber', 'assignextension', 'number'],
  vendor: ['vendor', 'manufacturer', 'brand'],
  model: ['model'],
  template: ['template', 'templatename'],
  method: ['method', 'provisioningmethod', 'provisioning'],
  auth: ['auth', 'authenticationfirsttime', 'firsttimeauthentication', 'auth1st', 'enbrpsauth'],
  location: ['location', 'label', 'desk', 'room'],
  name: ['name', 'extensionname', 'extname', 'callerid', 'calleridname', 'user'],
  serial: ['serial', 'serialnumber', 'sn'],
  rpsPin: ['rpspin', 'pin'],
  shared: ['shared', 'sharedextension', 'sharedext'],
  hotDesking: ['hotdeskingphone', 'hotdesking'],
};

/** Headers the PBX's file may carry that the app knowingly ignores. */
export const IGNORED_HEADERS: ReadonlySet<string> = new Set(['onsiteproxyuuid', 'source', 'status', 'message']);

/** A header as compared: lower case, without spaces, `_`, `-` or `.`. */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_.-]+/g, '');
}

const BY_ALIAS = new Map<string, ImportTarget>(IMPORT_TARGETS.flatMap((target) => ALIASES[target].map((alias) => [alias, target] as const)));

/** The target a header names, if any. */
export function targetForHeader(header: string): ImportTarget | undefined {
  return BY_ALIAS.get(normalizeHeader(header));
}

/** True when the text is a known column name (a grid column label counts too). */
export function isKnownHeader(text: string, extra: readonly string[] = []): boolean {
  const key = normalizeHeader(text);
  return BY_ALIAS.has(key) || IGNORED_HEADERS.has(key) || extra.some((e) => normalizeHeader(e) === key);
}
