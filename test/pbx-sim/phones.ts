/**
 * The Auto Provisioning phone list: `phone/search`, `phone/get`, `phone/batchcreate`, `phone/batchdelete`,
 * with the PBX's rules (compatibility, Cloud Edition `rps` only, unique MACs, at most 5 phones per extension)
 * and knobs for what the docs leave open (all-or-nothing vs partial batches, list length, error codes).
 */
import { UNASSIGNED } from '../../shared/domain/pbx-records';
import { macKey } from '../../shared/sync/settle';
import { findModel, methodsFor } from './compat';
import { failure, invalid, isReply, listPage, paging, required, sorted, success } from './envelope';
import type { CompatVendor, Method, SimExtension, SimKnobs, SimPhone, SimReply, SimRequest } from './types';

const MAC = /^[0-9a-f]{2}([:-]?[0-9a-f]{2}){5}$/i;

/** One item of a batch that the PBX refuses, with the list entry that explains it. */
interface ItemFailure {
  readonly errcode: number;
  readonly mac: string;
  readonly list: 'invalid_param_list' | 'duplicate_field_list';
  readonly entry: Record<string, unknown>;
}

function obj(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function styled(mac: string, style: SimKnobs['macStyle']): string {
  if (style === 'as-sent') return mac;
  const pairs = mac.replace(/[^0-9a-f]/gi, '').toLowerCase().match(/../g)?.join(':') ?? mac;
  return style === 'upper-colon' ? pairs.toUpperCase() : pairs;
}

/** The phone list and its endpoints. */
export class PhoneStore {
  readonly phones = new Map<number, SimPhone>();
  // Indexes kept beside the list (a PBX answers in milliseconds with thousands of phones; a linear scan per
  // item made a 2 000-phone sync spend seconds inside the simulator).
  private readonly idsByMac = new Map<string, number[]>();
  private readonly perExtension = new Map<number, number>();
  private nextId: number;

  constructor(
    seed: readonly SimPhone[],
    private readonly knobs: SimKnobs,
    private readonly extensions: () => readonly SimExtension[],
    private readonly compatibility: () => readonly CompatVendor[],
  ) {
    for (const p of seed) this.index({ ...p });
    this.nextId = Math.max(0, ...seed.map((p) => p.id)) + 1;
  }

  /** The phone with this MAC (any format), if any. */
  byMac(mac: string): SimPhone | undefined {
    const id = this.idsByMac.get(macKey(mac))?.[0];
    return id === undefined ? undefined : this.phones.get(id);
  }

  /** Phones assigned to an extension id. */
  countOnExtension(extId: number): number {
    return this.perExtension.get(extId) ?? 0;
  }

  private index(phone: SimPhone): void {
    this.phones.set(phone.id, phone);
    const key = macKey(phone.mac);
    this.idsByMac.set(key, [...(this.idsByMac.get(key) ?? []), phone.id]);
    if (phone.ext_id !== null) this.perExtension.set(phone.ext_id, this.countOnExtension(phone.ext_id) + 1);
  }

  /** Removes a phone by id (and from the indexes). */
  remove(id: number): void {
    const phone = this.phones.get(id);
    if (!phone) return;
    this.phones.delete(id);
    const key = macKey(phone.mac);
    const left = (this.idsByMac.get(key) ?? []).filter((x) => x !== id);
    if (left.length > 0) this.idsByMac.set(key, left);
    else this.idsByMac.delete(key);
    if (phone.ext_id !== null) this.perExtension.set(phone.ext_id, this.countOnExtension(phone.ext_id) - 1);
  }

  /** Adds a phone directly (tests, seeds); the PBX's rules are not applied. */
  add(phone: Omit<SimPhone, 'id'> & { id?: number }): SimPhone {
    const id = phone.id ?? this.nextId;
    this.nextId = Math.max(this.nextId, id + 1);
    const stored = { ...phone, id };
    if (this.phones.has(id)) this.remove(id);
    this.index(stored);
    return stored;
  }

  private wire(p: SimPhone, extensions: ReadonlyMap<number, SimExtension>): Record<string, unknown> {
    const ext = p.ext_id === null ? undefined : extensions.get(p.ext_id);
    return {
      id: p.id,
      mac: p.mac,
      vendor: p.vendor,
      model: p.model,
      template_name: p.template_name,
      ip: this.knobs.edition === 'cloud' ? '' : p.ip,
      firmware: p.firmware,
      assigned_ext_status: ext ? p.assigned_ext_status : 'Unregistered',
      assigned_ext_num: ext?.number ?? UNASSIGNED,
      assigned_ext_name: ext?.caller_id_name ?? UNASSIGNED,
      rps_pin: p.rps_pin,
    };
  }

  /** `GET phone/search` (paging, `sort_by` vendor/model/ip, `search_value` substring over MAC, vendor, model and extension). */
  search(req: SimRequest): SimReply {
    const page = paging(req.query, this.knobs);
    if (isReply(page)) return page;
    const value = (req.query.get('search_value') ?? '').toLowerCase();
    const extensions = new Map(this.extensions().map((e) => [e.id, e]));
    const wire = (p: SimPhone): Record<string, unknown> => this.wire(p, extensions);
    const all = [...this.phones.values()].sort((a, b) => a.id - b.id);
    // Without a keyword or a sort, only the page's rows are put in wire form (a PBX reads one page from its index).
    if (value === '' && req.query.get('sort_by') === null && (req.query.get('order_by') ?? 'asc') === 'asc') return listPage(all, page.page, page.size, wire);
    const wired = all.map(wire);
    const matching = value === '' ? wired : wired.filter((row) => ['mac', 'vendor', 'model', 'template_name', 'assigned_ext_num', 'assigned_ext_name'].some((f) => String(row[f]).toLowerCase().includes(value)));
    const allowed = this.knobs.edition === 'cloud' ? ['vendor', 'model'] : ['vendor', 'model', 'ip'];
    const rows = sorted(matching, req.query, allowed, (row, f) => String(row[f]));
    if (isReply(rows)) return rows;
    return listPage(rows, page.page, page.size, (row) => row);
  }

  /** `GET phone/get?id=…`: `data` is an object. */
  get(req: SimRequest): SimReply {
    const id = req.query.get('id');
    if (id === null) return failure(40002, { invalid_param_list: [required('id')] });
    const phone = /^\d+$/.test(id) ? this.phones.get(Number(id)) : undefined;
    if (!phone) return failure(60001, { invalid_param_list: [invalid('id', id)] });
    return success({
      data: {
        mac: phone.mac,
        vendor: phone.vendor,
        model: phone.model,
        template_name: phone.template_name,
        provisioning_method: phone.provisioning_method,
        provisioning_link: `https://pbx-sim.invalid/api/autoprovision/${phone.id}`,
        enb_rps_auth: phone.enb_rps_auth,
        assigned_extension: phone.ext_id === null ? '' : String(phone.ext_id),
        id: phone.id,
        ...(this.knobs.edition === 'appliance' ? {} : { rps_pin: phone.rps_pin }),
      },
    });
  }

  private tooLong(length: number, field: string): SimReply | null {
    const max = this.knobs.maxBatch;
    return max !== null && length > max ? failure(this.knobs.maxBatchErrcode, { invalid_param_list: [invalid(field, `${length} items, at most ${max}`)] }) : null;
  }

  private checkBatchHeader(body: Record<string, unknown>): SimReply | { method: Method; auth: 0 | 1 } {
    const missing = ['vendor', 'model', 'template_name', 'provisioning_method'].filter((f) => typeof body[f] !== 'string' || body[f] === '');
    if (!Array.isArray(body.phone_list) || body.phone_list.length === 0) missing.push('phone_list');
    if (missing.length > 0) return failure(40002, { invalid_param_list: missing.map(required) });
    const auth = body.enb_rps_auth ?? 0;
    if (auth !== 0 && auth !== 1) return failure(40002, { invalid_param_list: [invalid('enb_rps_auth', auth)] });
    const found = findModel(this.compatibility(), body.vendor as string, body.model as string);
    if (!found.vendor) return failure(40002, { invalid_param_list: [invalid('vendor', body.vendor)] });
    if (!found.model) return failure(40002, { invalid_param_list: [invalid('model', body.model)] });
    if (!found.model.templates.includes(body.template_name as string)) return failure(40002, { invalid_param_list: [invalid('template_name', body.template_name)] });
    const method = body.provisioning_method as Method;
    if (!methodsFor(found.model, this.knobs.edition).includes(method)) return failure(40002, { invalid_param_list: [invalid('provisioning_method', method)] });
    return this.tooLong((body.phone_list as unknown[]).length, 'phone_list') ?? { method, auth };
  }

  private checkItem(item: unknown, accepted: readonly { mac: string; extId: number }[]): ItemFailure | { mac: string; extId: number } {
    const o = obj(item);
    const mac = typeof o?.mac === 'string' ? o.mac : '';
    if (!o || !MAC.test(mac)) return { errcode: 40002, mac, list: 'invalid_param_list', entry: invalid('mac', o?.mac) };
    const extId = o.ext_id;
    if (typeof extId !== 'number' || !Number.isInteger(extId) || !this.extensions().some((e) => e.id === extId)) {
      return { errcode: this.knobs.unknownExtErrcode, mac, list: 'invalid_param_list', entry: invalid('ext_id', extId) };
    }
    const key = macKey(mac);
    const existing = this.byMac(mac)?.mac ?? accepted.find((a) => macKey(a.mac) === key)?.mac;
    if (existing !== undefined) {
      return { errcode: this.knobs.duplicateMacErrcode, mac, list: 'duplicate_field_list', entry: { field: 'mac', value: mac, external_source: 'phone', external_source_name: existing } };
    }
    const load = this.countOnExtension(extId) + accepted.filter((a) => a.extId === extId).length;
    if (load >= this.knobs.maxPhonesPerExtension) return { errcode: this.knobs.extensionLimitErrcode, mac, list: 'invalid_param_list', entry: invalid('ext_id', extId) };
    return { mac, extId };
  }

  private itemError(failures: readonly ItemFailure[]): SimReply {
    const first = failures[0] as ItemFailure;
    const same = failures.filter((f) => f.errcode === first.errcode && f.list === first.list);
    return failure(first.errcode, { [first.list]: same.map((f) => f.entry) });
  }

  private mixedAnswer(failures: readonly ItemFailure[]): SimReply {
    if (this.knobs.partialReport === 'first-error') return this.itemError(failures);
    if (this.knobs.partialReport === 'per-item') {
      return failure(1, { error_list: failures.map((f) => ({ mac: f.mac, errcode: f.errcode, errmsg: this.itemError([f]).body.errmsg })) });
    }
    return failure(1);
  }

  /** `POST phone/batchcreate`. Answers `{errcode, errmsg}` only: no ids, as the real PBX. */
  batchCreate(req: SimRequest): SimReply {
    const body = obj(req.body);
    if (!body) return failure(40001);
    const header = this.checkBatchHeader(body);
    if (isReply(header)) return header;
    const accepted: { mac: string; extId: number }[] = [];
    const failures: ItemFailure[] = [];
    for (const item of body.phone_list as unknown[]) {
      const checked = this.checkItem(item, accepted);
      if ('errcode' in checked) failures.push(checked);
      else accepted.push(checked);
    }
    if (failures.length > 0 && (this.knobs.batchMode === 'all-or-nothing' || accepted.length === 0)) return this.itemError(failures);
    for (const a of accepted) {
      this.add({
        mac: styled(a.mac, this.knobs.macStyle),
        vendor: body.vendor as string,
        model: body.model as string,
        template_name: body.template_name as string,
        provisioning_method: header.method,
        enb_rps_auth: header.auth,
        ext_id: a.extId,
        ip: '',
        firmware: '',
        assigned_ext_status: 'Unregistered',
        rps_pin: '',
      });
    }
    return failures.length === 0 ? success() : this.mixedAnswer(failures);
  }

  /** `POST phone/batchdelete` with `{batch_id_list}`. */
  batchDelete(req: SimRequest): SimReply {
    const list = obj(req.body)?.batch_id_list;
    if (!Array.isArray(list) || list.length === 0) return failure(40002, { invalid_param_list: [required('batch_id_list')] });
    const long = this.tooLong(list.length, 'batch_id_list');
    if (long) return long;
    const missing = list.filter((id) => typeof id !== 'number' || !this.phones.has(id));
    const present = list.filter((id): id is number => typeof id === 'number' && this.phones.has(id));
    const failures: ItemFailure[] = missing.map((id) => ({ errcode: 60001, mac: '', list: 'invalid_param_list', entry: invalid('id', id) }));
    if (failures.length > 0 && (this.knobs.batchMode === 'all-or-nothing' || present.length === 0)) return this.itemError(failures);
    for (const id of present) this.remove(id);
    return failures.length === 0 ? success() : this.mixedAnswer(failures);
  }
}
