import { parseMac } from '../domain/mac';
import { PROVISIONING_METHODS, type ProvisioningMethod, type Row } from '../domain/project';
import { type Outbox, type OutboxItem, type OutboxState, inFlightRowIds } from './outbox';
import { macKey } from './settle';

/** Why a row was not taken into the queue. */
export interface Skipped {
  readonly rowId: string;
  readonly reason: string;
}

const isMethod = (method: string): method is ProvisioningMethod => (PROVISIONING_METHODS as readonly string[]).includes(method);

/**
 * What keeps a row out of the queue without the PBX's data: the fields `phone/batchcreate` needs must be
 * there and well-formed. The grid's validation (and pre-flight, against the PBX) checks the rest.
 */
export function rowProblem(row: Row): string | null {
  const mac = parseMac(row.mac, { allowLocallyAdministered: false });
  if (!mac.ok) return row.mac.trim() === '' ? 'No MAC address.' : `The MAC address is not valid: ${mac.reason}`;
  if (!/^\d{1,7}$/.test(row.extension.trim())) return row.extension.trim() === '' ? 'No extension.' : `“${row.extension}” is not an extension number.`;
  if (row.vendor.trim() === '') return 'No vendor.';
  if (row.model.trim() === '') return 'No model.';
  if (row.template.trim() === '') return 'No template.';
  if (!isMethod(row.method)) return 'No provisioning method.';
  return null;
}

/** A frozen copy of a row for the queue: what is sent, whatever happens to the row afterwards. */
export function itemFromRow(row: Row & { method: ProvisioningMethod }, queuedAt: string): OutboxItem {
  const mac = parseMac(row.mac, { allowLocallyAdministered: false });
  return {
    rowId: row.id,
    mac: mac.ok ? mac.mac : row.mac,
    extension: row.extension.trim(),
    extId: null,
    extensionName: '',
    location: row.location,
    vendor: row.vendor.trim(),
    model: row.model.trim(),
    template: row.template.trim(),
    method: row.method,
    auth: row.auth,
    state: 'queued',
    reason: '',
    attempts: 0,
    createdByRun: null,
    phoneId: null,
    registration: null,
    queuedAt,
    confirmedAt: null,
  };
}

/** True when the row still says what was queued (the fields that travel to the PBX). */
export function sameSyncFields(item: OutboxItem, row: Row): boolean {
  return (
    macKey(item.mac) === macKey(row.mac) &&
    item.extension === row.extension.trim() &&
    item.vendor === row.vendor.trim() &&
    item.model === row.model.trim() &&
    item.template === row.template.trim() &&
    item.method === row.method &&
    item.auth === row.auth
  );
}

/**
 * Items whose row was deleted or edited since it was queued, and that are not in flight: they leave the
 * queue (the row is a draft again, to be queued with its new values). Phones in flight stay until a
 * read-back settles them.
 */
export function staleItems(outbox: Outbox, rows: readonly Row[]): string[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const flying = inFlightRowIds(outbox);
  return outbox.items.filter((item) => !flying.has(item.rowId) && !(byId.has(item.rowId) && sameSyncFields(item, byId.get(item.rowId)!))).map((i) => i.rowId);
}

/**
 * A row whose phone is in flight keeps the values being sent (the grid locks such rows; this holds for any
 * other writer too), so the row never says something other than what reaches the PBX. Returns how many
 * rows were held back.
 */
export function holdInFlight(outbox: Outbox, rows: Row[]): number {
  const flying = inFlightRowIds(outbox);
  const items = new Map(outbox.items.filter((i) => flying.has(i.rowId)).map((i) => [i.rowId, i]));
  let held = 0;
  rows.forEach((row, index) => {
    const item = items.get(row.id);
    if (!item || sameSyncFields(item, row)) return;
    rows[index] = { ...row, mac: item.mac, extension: item.extension, vendor: item.vendor, model: item.model, template: item.template, method: item.method, auth: item.auth };
    held += 1;
  });
  return held;
}

/**
 * Adds rows to the queue: drafts that have everything a request needs, whose MAC is not queued already
 * (by another row) and appears once among them. Returns the rows taken and the ones left, with why.
 */
export function queueRows(outbox: Outbox, rows: readonly Row[], queuedAt: string, extraProblem: (row: Row) => string | null = () => null): { added: string[]; skipped: Skipped[] } {
  const inQueue = new Set(outbox.items.map((i) => i.rowId));
  const macsInQueue = new Map(outbox.items.map((i) => [macKey(i.mac), i.rowId]));
  const added: string[] = [];
  const skipped: Skipped[] = [];
  for (const row of rows) {
    if (inQueue.has(row.id)) continue;
    const problem = rowProblem(row) ?? extraProblem(row);
    if (problem !== null) {
      skipped.push({ rowId: row.id, reason: problem });
      continue;
    }
    const key = macKey(row.mac);
    if (macsInQueue.has(key)) {
      skipped.push({ rowId: row.id, reason: 'Another row with this MAC address is in the queue already.' });
      continue;
    }
    macsInQueue.set(key, row.id);
    outbox.items.push(itemFromRow(row as Row & { method: ProvisioningMethod }, queuedAt));
    added.push(row.id);
  }
  return { added, skipped };
}

/** Puts failed and conflicting phones back in the queue (all of them, or those of `rowIds`). Returns how many. */
export function retryItems(outbox: Outbox, rowIds?: readonly string[]): number {
  const wanted = rowIds ? new Set(rowIds) : null;
  let count = 0;
  for (const item of outbox.items) {
    if ((item.state !== 'failed' && item.state !== 'conflict') || (wanted && !wanted.has(item.rowId))) continue;
    item.state = 'queued';
    item.reason = '';
    item.attempts = 0;
    count += 1;
  }
  return count;
}

/** States a phone may be taken out of the queue in: not in flight, not confirmed on the PBX (that is undo's job). */
export const REMOVABLE_STATES: readonly OutboxState[] = ['queued', 'failed', 'conflict'];

/** Takes phones out of the queue (their rows become drafts again); phones in flight or on the PBX stay. Returns how many left. */
export function removeItems(outbox: Outbox, rowIds: readonly string[]): number {
  const wanted = new Set(rowIds);
  const flying = inFlightRowIds(outbox);
  const before = outbox.items.length;
  outbox.items = outbox.items.filter((i) => !(wanted.has(i.rowId) && !flying.has(i.rowId) && REMOVABLE_STATES.includes(i.state)));
  return before - outbox.items.length;
}
