import { type Row, emptyRow } from '../../shared/domain/project';

/** The MAC of sample row `i`: a Yealink OUI and the index in the last three bytes, so every row differs. */
export function sampleMac(i: number): string {
  return ['80', '5e', 'c0', (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff].map((b) => (typeof b === 'number' ? b.toString(16).padStart(2, '0') : b)).join(':');
}

/** `count` realistic grid rows (ids `row-0`, `row-1`, …); `vary` adjusts each one. */
export function sampleRows(count: number, vary: (i: number) => Partial<Row> = () => ({})): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    ...emptyRow(`row-${i}`, 'scanned-wedge'),
    mac: sampleMac(i),
    vendor: 'Yealink',
    model: 'SIP-T54W',
    template: 'YSDP_YealinkT5',
    method: 'pnp' as const,
    extension: String(1000 + i),
    location: `Building B, floor ${1 + (i % 9)}, desk ${i}`,
    ...vary(i),
  }));
}
