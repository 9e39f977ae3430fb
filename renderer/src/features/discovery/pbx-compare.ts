/**
 * Discovered devices against the PBX of the site they would go to: which are already on the PBX (from the
 * cached `pbx:snapshot` of that site's profile, never a live read), and one honest line about what the
 * comparison is based on: no site, no PBX, no data yet, or data of a given age.
 */
import { sightingKey } from '../../../../shared/domain/seen-on-network';
import type { PbxIndex } from '../../../../shared/grid/pbx-index';
import { ageText } from '../pbx/format';

/** PBX data older than this is offered a refresh: phones may have been added on the PBX since. */
export const PBX_DATA_OLD_MS = 15 * 60_000;

/** A device that is already on the PBX: its extension (null: on the PBX without one) and that extension's name. */
export interface PbxMark {
  readonly extension: string | null;
  readonly name: string | null;
}

/** Whether the PBX (as cached in `index`) has this MAC, and on which extension. */
export function pbxMarkFor(index: PbxIndex, mac: string): PbxMark | null {
  const key = sightingKey(mac);
  const phone = key === null ? undefined : index.phonesByHex.get(key);
  if (!phone) return null;
  return { extension: phone.extension, name: phone.extension === null ? null : (index.extensions.get(phone.extension)?.name ?? null) };
}

/** "On the PBX: extension 1003 (Reception)", or "On the PBX without an extension". */
export function pbxMarkText(mark: PbxMark): string {
  if (mark.extension === null) return 'On the PBX without an extension';
  return `On the PBX: extension ${mark.extension}${mark.name ? ` (${mark.name})` : ''}`;
}

/** What the comparison with the PBX is based on. */
export type PbxCompare =
  | { readonly kind: 'no-site' }
  | { readonly kind: 'no-pbx'; readonly site: string }
  | { readonly kind: 'no-data'; readonly site: string; readonly pbx: string }
  | { readonly kind: 'cached'; readonly site: string; readonly pbx: string; readonly ageMs: number };

/** The line shown above the device list. */
export function compareText(compare: PbxCompare): string {
  switch (compare.kind) {
    case 'no-site':
      return 'Choose a site to compare these devices with its PBX.';
    case 'no-pbx':
      return `“${compare.site}” has no PBX yet: choose its PBX on the Site screen, or choose a site to compare with its PBX.`;
    case 'no-data':
      return `No data from the PBX “${compare.pbx}” yet: refresh it to see which devices are already on it.`;
    case 'cached':
      return `Compared with the PBX “${compare.pbx}” as of ${ageText(compare.ageMs)}${compare.ageMs >= PBX_DATA_OLD_MS ? ': phones added on the PBX since are not marked' : ''}.`;
  }
}

/** True when the technician should be offered "Refresh PBX data": no data yet, or old data. */
export function refreshOffered(compare: PbxCompare): boolean {
  return compare.kind === 'no-data' || (compare.kind === 'cached' && compare.ageMs >= PBX_DATA_OLD_MS);
}
