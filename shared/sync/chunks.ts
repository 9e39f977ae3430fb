import { type GroupKey, type OutboxItem, groupKeyOf, groupOf } from './outbox';

/** Chunk sizes the engine accepts: the API documents no limit, so stay modest (reference §3.2, §5). */
export const DEFAULT_CHUNK_SIZE = 50;
/** Largest chunk allowed. */
export const MAX_CHUNK_SIZE = 100;

/** One planned `phone/batchcreate` request. */
export interface Chunk {
  readonly key: GroupKey;
  /** Row ids, in queue order. */
  readonly rowIds: readonly string[];
}

/**
 * Splits the phones to send into requests: one group per (vendor, model, template, method, auth)
 * because a batchcreate carries one of each, then chunks of at most `size`, keeping queue order.
 */
export function planChunks(items: readonly OutboxItem[], size = DEFAULT_CHUNK_SIZE): Chunk[] {
  const limit = Math.max(1, Math.min(MAX_CHUNK_SIZE, Math.floor(size)));
  const groups = new Map<string, { key: GroupKey; rowIds: string[] }>();
  for (const item of items) {
    const id = groupKeyOf(item);
    let group = groups.get(id);
    if (!group) {
      group = { key: groupOf(item), rowIds: [] };
      groups.set(id, group);
    }
    group.rowIds.push(item.rowId);
  }
  const chunks: Chunk[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.rowIds.length; i += limit) chunks.push({ key: group.key, rowIds: group.rowIds.slice(i, i + limit) });
  }
  return chunks;
}

/**
 * Splits a rejected chunk in two so the rows that fail can be isolated (bisection). A chunk of
 * one cannot be split: its row carries the PBX's reason.
 */
export function bisect(chunk: Chunk): [Chunk, Chunk] | undefined {
  if (chunk.rowIds.length < 2) return undefined;
  const middle = Math.ceil(chunk.rowIds.length / 2);
  return [
    { key: chunk.key, rowIds: chunk.rowIds.slice(0, middle) },
    { key: chunk.key, rowIds: chunk.rowIds.slice(middle) },
  ];
}
