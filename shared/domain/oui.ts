/**
 * Vendor by OUI. The phone-vendor table is generated from the IEEE registry (`npm run gen:oui`), never typed
 * by hand. IEEE assigns blocks of three sizes: MA-L (6 hex digits), MA-M (7) and MA-S (9); a smaller block
 * sits inside a larger one, so the longest matching prefix wins.
 */
import { parseMac } from './mac';
import { PHONE_OUI_TABLE } from './oui-table.generated';

/** IEEE block prefix lengths in hex digits, longest (most specific) first: MA-S, MA-M, MA-L. */
export const OUI_PREFIX_LENGTHS = [9, 7, 6] as const;

/** Something prefixes can be looked up in: a Map, or a plain record (own keys only). */
export type PrefixTable<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

function lookup<T>(table: PrefixTable<T>, key: string): T | undefined {
  if (table instanceof Map) return (table as ReadonlyMap<string, T>).get(key);
  const record = table as Readonly<Record<string, T>>;
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The entry of the longest prefix (9, 7, then 6 hex digits) of `hex` in `table`, whose keys are upper-case
 * hex. `hex` is 12 hex digits in any case.
 */
export function longestPrefixMatch<T>(table: PrefixTable<T>, hex: string): { prefix: string; value: T } | undefined {
  const upper = hex.toUpperCase();
  for (const length of OUI_PREFIX_LENGTHS) {
    const prefix = upper.slice(0, length);
    const value = lookup(table, prefix);
    if (value !== undefined) return { prefix, value };
  }
  return undefined;
}

/**
 * The phone vendor whose IEEE block holds this MAC (any form {@link parseMac} accepts), e.g. "Yealink";
 * null when it is not a MAC, is multicast or locally administered (those carry no OUI), or belongs to no
 * phone vendor we know.
 */
export function phoneVendorFor(mac: string): string | null {
  const parsed = parseMac(mac);
  if (!parsed.ok || parsed.locallyAdministered) return null;
  return longestPrefixMatch(PHONE_OUI_TABLE, parsed.hex)?.value ?? null;
}
