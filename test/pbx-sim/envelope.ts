/** The PBX's JSON envelopes: `{errcode, errmsg, ...}` for everything, `{..., total_number, data}` for lists. */
import { PBX_ERRMSG } from '../../shared/domain/pbx-errors';
import type { SimReply } from './types';

/** A success answer with extra fields. */
export function success(fields: Record<string, unknown> = {}): SimReply {
  return { body: { errcode: 0, errmsg: 'SUCCESS', ...fields } };
}

/** An error answer: the errmsg comes from the PBX's table. */
export function failure(errcode: number, fields: Record<string, unknown> = {}): SimReply {
  return { body: { errcode, errmsg: PBX_ERRMSG[errcode] ?? 'FAILURE', ...fields } };
}

/** A `required` entry for `invalid_param_list`. */
export function required(field: string): { field: string; validation_type: string } {
  return { field, validation_type: 'required' };
}

/** A `{field, value}` entry for `invalid_param_list`. */
export function invalid(field: string, value: unknown): { field: string; value: string } {
  return { field, value: typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined' };
}

/** How the list endpoints treat paging (both answers to the UNCONFIRMED page-size limit are modelled). */
export interface PagingKnobs {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  readonly oversizePage: 'clamp' | 'refuse';
}

/** Reads `page` / `page_size` (Int or numeric String, as the SE docs type them). */
export function paging(query: URLSearchParams, knobs: PagingKnobs): { page: number; size: number } | SimReply {
  const { defaultPageSize: defaultSize, maxPageSize: maxSize } = knobs;
  const page = query.get('page') ?? '1';
  const size = query.get('page_size') ?? String(defaultSize);
  if (!/^\d+$/.test(page) || Number(page) < 1) return failure(40002, { invalid_param_list: [invalid('page', page)] });
  if (!/^\d+$/.test(size) || Number(size) < 1) return failure(40002, { invalid_param_list: [invalid('page_size', size)] });
  if (Number(size) > maxSize && knobs.oversizePage === 'refuse') return failure(40002, { invalid_param_list: [invalid('page_size', size)] });
  return { page: Number(page), size: Math.min(Number(size), maxSize) };
}

/** One page of a list, in the PBX's list envelope. */
export function listPage<T>(rows: readonly T[], page: number, size: number, toWire: (row: T) => unknown): SimReply {
  const start = (page - 1) * size;
  return success({ total_number: rows.length, data: rows.slice(start, start + size).map(toWire) });
}

/** Sorts a copy of `rows` by a field, as `sort_by` / `order_by` ask; unknown fields give a parameter error. */
export function sorted<T>(rows: readonly T[], query: URLSearchParams, allowed: readonly string[], get: (row: T, field: string) => string | number): T[] | SimReply {
  const by = query.get('sort_by');
  const order = query.get('order_by') ?? 'asc';
  if (order !== 'asc' && order !== 'desc') return failure(40002, { invalid_param_list: [invalid('order_by', order)] });
  if (by === null) return [...rows];
  if (!allowed.includes(by)) return failure(40002, { invalid_param_list: [invalid('sort_by', by)] });
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = get(a, by);
    const y = get(b, by);
    return (x < y ? -1 : x > y ? 1 : 0) * sign;
  });
}

/** True when a handler helper returned an error reply instead of a value. */
export function isReply(value: unknown): value is SimReply {
  return typeof value === 'object' && value !== null && 'body' in value && !Array.isArray(value);
}
