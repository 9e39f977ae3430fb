import type { PbxSnapshot } from '../../shared/domain/pbx-snapshot';
import { emptyRow, type Row } from '../../shared/domain/project';
import { sampleMac } from './rows';

const AT = '2026-11-20T09:00:00.000Z';

/** Extension numbers on the fixture PBX: 1000–1199 without 1005–1009, plus 0123 (a leading zero). */
export const FIXTURE_EXTENSIONS: readonly string[] = [
  ...Array.from({ length: 200 }, (_, i) => String(1000 + i)).filter((n) => Number(n) < 1005 || Number(n) > 1009),
  '0123',
];

/**
 * A small but realistic PBX snapshot: two vendors, a Yealink model with four methods and two templates, a
 * Fanvil model without RPS FQDN, extensions as {@link FIXTURE_EXTENSIONS}, one phone on 1002, five on 1010
 * (full), and one phone with no extension.
 */
export function snapshotFixture(): PbxSnapshot {
  const phones: PbxSnapshot['phones']['items'] = [
    { id: 1, mac: '80:5e:c0:aa:00:02', vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', extension: '1002', status: 'Registered' },
    ...Array.from({ length: 5 }, (_, i) => ({
      id: 10 + i,
      mac: `80:5e:c0:aa:10:${String(i).padStart(2, '0')}`,
      vendor: 'Yealink',
      model: 'SIP-T54W',
      template: 'YSDP_YealinkT5',
      extension: '1010',
      status: 'Unregistered',
    })),
    { id: 20, mac: '0c:38:3e:aa:00:20', vendor: 'Fanvil', model: 'X4U', template: 'YSDP_Fanvil', extension: null, status: 'Unregistered' },
  ];
  return {
    compatibility: {
      vendors: [
        {
          value: 'Yealink',
          text: 'Yealink',
          models: [
            { value: 'SIP-T54W', text: 'SIP-T54W', templates: ['Custom_T54', 'YSDP_YealinkT5'], methods: ['pnp', 'dhcp', 'rps', 'rps_fqdn'] },
            { value: 'SIP-T31P', text: 'SIP-T31P', templates: ['YSDP_YealinkT3'], methods: ['pnp', 'dhcp', 'rps'] },
          ],
        },
        { value: 'Fanvil', text: 'Fanvil', models: [{ value: 'X4U', text: 'X4U', templates: ['YSDP_Fanvil'], methods: ['pnp', 'dhcp', 'rps'] }] },
        { value: 'Ale', text: 'Alcatel-Lucent Enterprise', models: [{ value: 'M5', text: 'M5', templates: ['YSDP_Ale'], methods: ['rps'] }] },
      ],
      fetchedAt: AT,
    },
    extensions: {
      items: FIXTURE_EXTENSIONS.map((number, i) => ({ id: i + 1, number, name: number === '0123' ? 'Reception' : `User ${number}` })),
      fetchedAt: AT,
    },
    phones: { items: phones, fetchedAt: AT },
  };
}

/** A Yealink MAC for test row `n` (never on the fixture PBX, whose phones use 80:5e:c0:aa:…). */
export function yealinkMac(n: number): string {
  return sampleMac(n);
}


/** A complete, valid draft row for the fixture PBX. */
export function validRow(id: string, mac: string, extension: string, extra: Partial<Row> = {}): Row {
  return { ...emptyRow(id), mac, extension, vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', method: 'pnp', ...extra };
}

/** Ids r1, r2, … for tests. */
export function idCounter(prefix = 'r'): () => string {
  let n = 0;
  return () => `${prefix}${(n += 1)}`;
}
