/** `extension/list` and `extension/search`: paged `Ext_Basicinfo` rows. */
import { isReply, listPage, paging, sorted } from './envelope';
import type { SimExtension, SimKnobs, SimReply, SimRequest } from './types';

const SORTABLE = ['id', 'number', 'caller_id_name', 'email_addr', 'mobile_number', 'presence_status'];

/** An extension in the wire shape of `extension/list` rows. */
export function extensionWire(e: SimExtension, registered: boolean): Record<string, unknown> {
  return {
    id: e.id,
    number: e.number,
    caller_id_name: e.caller_id_name,
    role_name: e.role_name,
    email_addr: e.email_addr,
    mobile_number: e.mobile_number,
    presence_status: e.presence_status,
    online_status: {
      sip_phone: { status: registered ? 1 : 0, ext_dev_type: 'sip' },
      linkus_desktop: { status: 0, ext_dev_type: 'linkusdesktop' },
      linkus_mobile: { status: 0, ext_dev_type: 'linkusmobile' },
      linkus_web: { status: 0, ext_dev_type: 'linkusweb' },
    },
  };
}

/**
 * Substring match over number and caller-ID name, case-insensitive (the real PBX's rules are UNCONFIRMED:
 * this deliberately returns "100" and "1000" for "10", so clients must match exactly themselves).
 */
export function extensionMatches(e: SimExtension, value: string): boolean {
  const v = value.toLowerCase();
  return e.number.includes(v) || e.caller_id_name.toLowerCase().includes(v);
}

/** Serves `extension/list` and, with `search_value`, `extension/search`. */
export function extensionsRoute(req: SimRequest, extensions: readonly SimExtension[], knobs: SimKnobs, isRegistered: (extId: number) => boolean): SimReply {
  const page = paging(req.query, knobs);
  if (isReply(page)) return page;
  const value = req.endpoint === 'extension/search' ? (req.query.get('search_value') ?? '') : '';
  const matching = value === '' ? extensions : extensions.filter((e) => extensionMatches(e, value));
  const rows = sorted(matching, req.query, SORTABLE, (e, f) => (f === 'id' ? e.id : String(e[f as keyof SimExtension])));
  if (isReply(rows)) return rows;
  return listPage(rows, page.page, page.size, (e) => extensionWire(e, isRegistered(e.id)));
}
