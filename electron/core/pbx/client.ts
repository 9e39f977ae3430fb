import {
  type CompatOption,
  exactExtension,
  type PbxExtension,
  type PbxPhone,
  parseCompatOption,
  parseExtensionRow,
  parsePhoneRow,
} from '../../../shared/domain/pbx-records';
import { formatMac, parseMac } from '../../../shared/domain/mac';
import type { PbxSnapshot } from '../../../shared/domain/pbx-snapshot';
import type { AuthStatus } from './auth';
import { type CallSpec, PbxConnection, type PbxConnectionOptions, type WriteResult } from './connection';
import { PbxError } from './errors';
import type { CertificatePin } from './tls';

/** Options of a {@link PbxClient}: the connection's, plus paging and MAC style. */
export interface PbxClientOptions extends PbxConnectionOptions {
  /**
   * `page_size` asked for on list calls (default 500). The PBX's largest page is UNCONFIRMED: a PBX that returns
   * fewer rows per page is read page by page, and one that refuses the size gets {@link SAFE_PAGE_SIZE} instead.
   */
  readonly pageSize?: number;
  /** Letter case of MACs sent to the PBX, always colon-separated (default upper: `AA:BB:CC:DD:EE:FF`). */
  readonly macCase?: 'upper' | 'lower';
}

/** One `phone/batchcreate`: phones of one vendor, model, template and method. */
export interface BatchCreateInput {
  readonly vendor: string;
  readonly model: string;
  readonly template: string;
  /** `pnp`, `dhcp`, `rps`, `rps_fqdn` (Cloud Edition: `rps` only). */
  readonly method: string;
  /** "Authentication for first-time provisioning" (`enb_rps_auth`). */
  readonly auth: boolean;
  /** MAC in any common format; `extId` is the extension's id (not its number). */
  readonly phones: readonly { readonly mac: string; readonly extId: number }[];
}

/** A vendor with its models, each with the templates and methods that can be chosen for it (as cached). */
export type CompatibilityVendor = PbxSnapshot['compatibility']['vendors'][number];

/** A model of a {@link CompatibilityVendor}. */
export type CompatibilityModel = CompatibilityVendor['models'][number];

/** Which part of the compatibility tree {@link PbxClient.getCompatibility} reads, and who hears how far it is. */
export interface CompatibilityRead {
  /** Only these vendors (a `model` narrows a vendor to the listed models); absent = the whole tree. */
  readonly only?: readonly { readonly vendor: string; readonly model?: string }[];
  /** Called once the models are known (`done` 0) and after each model's templates and methods. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What "test connection" reports. */
export interface ConnectionCheck {
  readonly extensionCount: number;
  readonly phoneCount: number;
  readonly elapsedMs: number;
}

const MAX_PAGES = 10_000;
/** A page size every PBX is expected to accept; used once a bigger one was refused. */
const SAFE_PAGE_SIZE = 100;

/**
 * The Yeastar P-Series OpenAPI client for one PBX profile: one token pair, TLS pinning, lockout-safe login,
 * retries for reads, explicit outcomes for writes. Reads throw {@link PbxError} (an AppFailure); writes return a
 * {@link WriteResult}. Call {@link PbxClient.close} when the profile is closed: it revokes the token.
 */
export class PbxClient {
  private readonly connection: PbxConnection;
  private pageSize: number;
  private readonly macCase: 'upper' | 'lower';

  constructor(options: PbxClientOptions) {
    this.connection = new PbxConnection(options);
    this.pageSize = options.pageSize ?? 500;
    this.macCase = options.macCase ?? 'upper';
  }

  /** The normalised base URL, e.g. `https://192.0.2.10:8088`. */
  get baseUrl(): string {
    return this.connection.address.baseUrl;
  }

  /** Where the login stands; `refused` means no login will be tried until {@link resetAuth}. */
  authStatus(): AuthStatus {
    return this.connection.authStatus();
  }

  /** Why logins are stopped (credentials refused, IP blocked, token cap), if they are. */
  authRefusal(): PbxError | null {
    return this.connection.authRefusal();
  }

  /** Call after the user re-entered or confirmed the Client ID / Secret: allows one new login attempt. */
  resetAuth(): void {
    this.connection.resetAuth();
  }

  /** Trusts another certificate from now on (re-pin); the session is kept. See {@link PbxConnection.setPin}. */
  setPin(pin: CertificatePin | null): void {
    this.connection.setPin(pin);
  }

  /** HTTP requests made so far, logins included. */
  requestCount(): number {
    return this.connection.requestCount();
  }

  /** True when the PBX answers HTTP(S) at all; uses no token and no login (see {@link PbxConnection.reachable}). */
  reachable(timeoutMs?: number): Promise<boolean> {
    return this.connection.reachable(timeoutMs);
  }

  /** Revokes the access token (`del_token`); the client cannot be used afterwards. */
  close(): Promise<void> {
    return this.connection.close();
  }

  /** Logs in (if needed) and counts extensions and phones: two cheap calls. */
  async testConnection(): Promise<ConnectionCheck> {
    const startedAt = Date.now();
    const extensions = await this.connection.read({ endpoint: 'extension/list', method: 'GET', query: { page: 1, page_size: 1 } });
    const phones = await this.connection.read({ endpoint: 'phone/search', method: 'GET', query: { page: 1, page_size: 1 } });
    const total = (answer: Record<string, unknown>): number => (typeof answer.total_number === 'number' ? answer.total_number : 0);
    return { extensionCount: total(extensions), phoneCount: total(phones), elapsedMs: Date.now() - startedAt };
  }

  private async options(query: Record<string, string>): Promise<CompatOption[]> {
    const answer = await this.connection.read({ endpoint: 'auto_provisioning/compatibility', method: 'GET', query });
    if (!Array.isArray(answer.data)) throw new PbxError('pbx-bad-response', 'The PBX\'s compatibility answer has no list.', 'auto_provisioning/compatibility', { sent: true });
    return answer.data.map(parseCompatOption).filter((o): o is CompatOption => o !== null);
  }

  /** Phone vendors the PBX can provision (`menu=phone_vendor`). */
  getVendors(): Promise<CompatOption[]> {
    return this.options({ menu: 'phone_vendor' });
  }

  /** Models of a vendor (`menu=phone_model`). */
  getModels(vendor: string): Promise<CompatOption[]> {
    return this.options({ menu: 'phone_model', vendor });
  }

  /** Templates for a model (`menu=phone_template`). */
  getTemplates(vendor: string, model: string): Promise<CompatOption[]> {
    return this.options({ menu: 'phone_template', vendor, model });
  }

  /** Provisioning methods for a model (`menu=autop_method`); `text` is the provisioning link. */
  getMethods(vendor: string, model: string): Promise<CompatOption[]> {
    return this.options({ menu: 'autop_method', vendor, model });
  }

  /**
   * The compatibility tree (or part of it, see {@link CompatibilityRead}): vendors, then each vendor's models, then
   * each model's templates and methods: 1 + vendors + models × 2 requests, one at a time, as the PBX wants.
   */
  async getCompatibility(read: CompatibilityRead = {}): Promise<CompatibilityVendor[]> {
    const { only, onProgress } = read;
    const keepsModel = (vendor: string, model: string): boolean => !only || only.some((o) => o.vendor === vendor && (o.model === undefined || o.model === model));
    const vendors = (await this.getVendors()).filter((v) => !only || only.some((o) => o.vendor === v.value));
    const perVendor = [];
    for (const vendor of vendors) perVendor.push({ vendor, models: (await this.getModels(vendor.value)).filter((m) => keepsModel(vendor.value, m.value)) });
    const total = perVendor.reduce((sum, v) => sum + v.models.length, 0);
    let done = 0;
    onProgress?.(done, total);
    const tree: CompatibilityVendor[] = [];
    for (const { vendor, models } of perVendor) {
      const withOptions: CompatibilityModel[] = [];
      for (const model of models) {
        const templates = (await this.getTemplates(vendor.value, model.value)).map((t) => t.value);
        const methods = (await this.getMethods(vendor.value, model.value)).map((m) => m.value);
        withOptions.push({ value: model.value, text: model.text, templates, methods });
        done += 1;
        onProgress?.(done, total);
      }
      tree.push({ value: vendor.value, text: vendor.text, models: withOptions });
    }
    return tree;
  }

  /**
   * Reads every page of a list endpoint. Stops when `total_number` rows arrived or a page is empty, so a PBX that
   * caps `page_size` below what was asked is still read completely; rows are de-duplicated by id.
   */
  private async allPages<T extends { id: number }>(endpoint: string, query: Record<string, string>, parse: (row: unknown) => T | null): Promise<T[]> {
    const byId = new Map<number, T>();
    let received = 0;
    let firstPageLength = 0;
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      let answer;
      try {
        answer = await this.connection.read({ endpoint, method: 'GET', query: { ...query, page, page_size: this.pageSize } } satisfies CallSpec);
      } catch (error) {
        // Big pages save requests, but the PBX's limit is undocumented: if it refuses the size, fall back once
        // to a size it must accept and start over (reads are safe to repeat).
        if (page === 1 && this.pageSize > SAFE_PAGE_SIZE && error instanceof PbxError && (error.errcode === 40001 || error.errcode === 40002)) {
          this.pageSize = SAFE_PAGE_SIZE;
          page = 0;
          continue;
        }
        throw error;
      }
      if (!Array.isArray(answer.data)) {
        if (page === 1 && answer.total_number === 0) break;
        throw new PbxError('pbx-bad-response', `The PBX's answer to ${endpoint} has no list of rows.`, endpoint, { sent: true });
      }
      const rows: unknown[] = answer.data;
      const total = typeof answer.total_number === 'number' ? answer.total_number : null;
      if (page === 1) firstPageLength = rows.length;
      received += rows.length;
      for (const row of rows) {
        const item = parse(row);
        if (item) byId.set(item.id, item);
      }
      if (rows.length === 0 || (total !== null && received >= total) || (total === null && rows.length < firstPageLength)) break;
    }
    return [...byId.values()];
  }

  /** Every extension on the PBX (`extension/list`, all pages). */
  listExtensions(): Promise<PbxExtension[]> {
    return this.allPages('extension/list', { sort_by: 'id', order_by: 'asc' }, parseExtensionRow);
  }

  /** What `extension/search` returns for a keyword, all pages. Its matching rules are the PBX's (UNCONFIRMED). */
  searchExtensions(value: string): Promise<PbxExtension[]> {
    return this.allPages('extension/search', { search_value: value }, parseExtensionRow);
  }

  /**
   * The extension whose number is exactly `number`, or null. Exact: "10" never matches "100". Falls back to the
   * full list when the search finds no exact match, since what the PBX's search matches is UNCONFIRMED.
   */
  async findExtension(number: string): Promise<PbxExtension | null> {
    const wanted = number.trim();
    if (wanted === '') return null;
    return exactExtension(await this.searchExtensions(wanted), wanted) ?? exactExtension(await this.listExtensions(), wanted);
  }

  /** Extension number → id for the numbers that exist (exact matches only), from one full list read. */
  async extensionIdsByNumber(numbers: readonly string[]): Promise<Map<string, number>> {
    const all = await this.listExtensions();
    const ids = new Map<string, number>();
    for (const number of numbers) {
      const found = exactExtension(all, number);
      if (found) ids.set(number.trim(), found.id);
    }
    return ids;
  }

  /** Every phone in the Auto Provisioning list (`phone/search` without keyword, all pages). */
  listPhones(): Promise<PbxPhone[]> {
    return this.allPages('phone/search', {}, parsePhoneRow);
  }


  /** Adds phones (`phone/batchcreate`). Never retried here: see {@link WriteResult} for what to do per outcome. */
  async batchCreatePhones(input: BatchCreateInput): Promise<WriteResult> {
    const endpoint = 'phone/batchcreate';
    const phoneList: { mac: string; ext_id: number }[] = [];
    for (const phone of input.phones) {
      const parsed = parseMac(phone.mac, { allowLocallyAdministered: false });
      if (!parsed.ok) return { outcome: 'not-sent', error: new PbxError('validation', `"${phone.mac}" is not a phone MAC address: ${parsed.reason}`, endpoint) };
      const mac = formatMac(parsed.hex, this.macCase === 'upper' ? 'colon-upper' : 'colon-lower');
      if (!Number.isInteger(phone.extId) || phone.extId < 0) return { outcome: 'not-sent', error: new PbxError('validation', `Extension id ${phone.extId} is not valid: resolve extension numbers to ids first.`, endpoint) };
      phoneList.push({ mac, ext_id: phone.extId });
    }
    if (phoneList.length === 0) return { outcome: 'not-sent', error: new PbxError('validation', 'There are no phones to send.', endpoint) };
    return this.connection.write({
      endpoint,
      method: 'POST',
      body: {
        vendor: input.vendor,
        model: input.model,
        template_name: input.template,
        provisioning_method: input.method,
        enb_rps_auth: input.auth ? 1 : 0,
        phone_list: phoneList,
      },
    });
  }

  /** Removes phones by id (`phone/batchdelete`). Never retried here: see {@link WriteResult}. */
  async batchDeletePhones(ids: readonly number[]): Promise<WriteResult> {
    const endpoint = 'phone/batchdelete';
    if (ids.length === 0 || ids.some((id) => !Number.isInteger(id))) {
      return { outcome: 'not-sent', error: new PbxError('validation', 'Phone ids to delete must be a non-empty list of whole numbers.', endpoint) };
    }
    return this.connection.write({ endpoint, method: 'POST', body: { batch_id_list: [...ids] } });
  }
}
