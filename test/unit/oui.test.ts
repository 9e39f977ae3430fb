import { describe, expect, it } from 'vitest';
import { OUI_PREFIX_LENGTHS, longestPrefixMatch, phoneVendorFor } from '../../shared/domain/oui';
import { PHONE_OUI_TABLE } from '../../shared/domain/oui-table.generated';

// discovery-and-scanning.md §3.2, transcribed independently of the generator: every prefix must be there.
const EXPECTED: Record<string, string[]> = {
  Yealink: ['00:15:65', '24:9A:D8', '34:97:D7', '44:DB:D2', '64:4F:56', '80:5E:0C', '80:5E:C0', 'B0:61:A9', 'C4:FC:22', 'EC:1D:A9', 'F0:16:53'],
  Fanvil: ['0C:38:3E'],
  Grandstream: ['00:0B:82', '14:4C:FF', 'C0:74:AD', 'EC:74:D7'],
  Snom: ['00:04:13', '1C:71:26'],
  Htek: ['00:1F:C1'],
  Poly: ['00:04:F2', '64:16:7F', '48:25:67'],
  'Alcatel-Lucent Enterprise': [
    '00:80:9F', '3C:28:A6', '48:7A:55', '00:11:8B', '00:20:DA', '00:D0:95', '00:E0:B1', '00:E0:DA',
    '2C:FA:A2', '78:24:59', '88:3C:93', '90:1C:9E', '94:24:E1', 'DC:08:56', 'E8:E7:32',
  ],
  Gigaset: ['00:21:04', '58:9E:C6', '7C:2F:80', '14:B3:70'],
  Panasonic: ['00:80:F0', '08:00:23', 'BC:C3:42', '4C:36:4E', 'B8:20:8E', 'BC:3E:0B'],
  Akuvox: ['0C:11:05'],
  Flyingvoice: ['78:99:12'],
  Mitel: ['00:08:5D', '08:00:0F', '00:10:BC', '14:00:E9'],
  Sangoma: ['00:50:58'],
  Escene: ['00:26:8B'],
  Spectralink: ['00:90:7A'],
  AudioCodes: ['00:05:E7', '00:17:19'],
};

const cases = Object.entries(EXPECTED).flatMap(([vendor, prefixes]) => prefixes.map((prefix) => [prefix, vendor] as const));

describe('the generated phone-vendor OUI table', () => {
  it.each(cases)('%s → %s', (prefix, vendor) => {
    expect(phoneVendorFor(`${prefix}:a1:b2:c3`)).toBe(vendor);
    expect(PHONE_OUI_TABLE[prefix.replaceAll(':', '')]).toBe(vendor);
  });

  it.each([
    ['9C:75:14', 'Wildix, sold as Yealink by a third-party table'],
    ['00:09:45', 'Palmmicro, sold as Fanvil'],
    ['00:21:F2', 'EASY3CALL, sold as Flyingvoice'],
    ['44:5C:E9', 'Samsung, sold as Yealink'],
    ['54:22:F8', 'ZTE, sold as Yealink'],
    ['6C:1C:71', 'Dahua, sold as Yealink'],
    ['00:A8:59', 'unregistered, field-attributed to Fanvil'],
    ['3C:5A:B4', 'Google'],
    ['00:1B:54', 'Cisco: too broad to mean "phone"'],
  ])('does not list %s (%s)', (prefix) => {
    expect(phoneVendorFor(`${prefix}:a1:b2:c3`)).toBeNull();
  });

  it('keeps the third-party mislabels straight: 0C:38:3E is Fanvil, 7C:2F:80 is Gigaset', () => {
    expect(phoneVendorFor('0C383EA1B2C3')).toBe('Fanvil');
    expect(phoneVendorFor('7C2F80A1B2C3')).toBe('Gigaset');
  });

  it('is small, and every key is an upper-case IEEE prefix of 6, 7 or 9 hex digits', () => {
    const keys = Object.keys(PHONE_OUI_TABLE);
    expect(keys.length).toBeGreaterThanOrEqual(cases.length);
    expect(keys.length).toBeLessThan(200);
    for (const key of keys) expect(key).toMatch(/^(?:[0-9A-F]{6}|[0-9A-F]{7}|[0-9A-F]{9})$/);
    expect(new Set(Object.values(PHONE_OUI_TABLE))).toEqual(new Set(Object.keys(EXPECTED)));
  });
});

describe('phoneVendorFor', () => {
  it('reads any MAC form', () => {
    expect(phoneVendorFor('805ec0123456')).toBe('Yealink');
    expect(phoneVendorFor('MAC%3AC074AD112233')).toBe('Grandstream');
    expect(phoneVendorFor('0004.13a1.b2c3')).toBe('Snom');
  });

  it('gives no vendor for text that is not a MAC, or for multicast and locally administered addresses', () => {
    expect(phoneVendorFor('805EC0')).toBeNull();
    expect(phoneVendorFor('')).toBeNull();
    expect(phoneVendorFor('815EC0123456')).toBeNull();
    // 82:5E:C0 is Yealink's OUI with the U/L bit set: not a Yealink factory address.
    expect(phoneVendorFor('825EC0123456')).toBeNull();
  });
});

describe('longestPrefixMatch', () => {
  const table = new Map([
    ['70B3D5', 'IEEE Registration Authority'],
    ['70B3D5E', 'an MA-M block'],
    ['70B3D5EC8', 'an MA-S block'],
    ['001565', 'an MA-L block'],
  ]);

  it('prefers MA-S (9) over MA-M (7) over MA-L (6)', () => {
    expect(OUI_PREFIX_LENGTHS).toEqual([9, 7, 6]);
    expect(longestPrefixMatch(table, '70b3d5ec8123')).toEqual({ prefix: '70B3D5EC8', value: 'an MA-S block' });
    expect(longestPrefixMatch(table, '70B3D5E00000')).toEqual({ prefix: '70B3D5E', value: 'an MA-M block' });
    expect(longestPrefixMatch(table, '70B3D5000000')).toEqual({ prefix: '70B3D5', value: 'IEEE Registration Authority' });
    expect(longestPrefixMatch(table, '001565ABCDEF')?.value).toBe('an MA-L block');
    expect(longestPrefixMatch(table, 'ABCDEF000000')).toBeUndefined();
  });

  it('works on plain records too, and ignores inherited keys', () => {
    const record: Record<string, string> = { '805EC0': 'Yealink' };
    expect(longestPrefixMatch(record, '805ec0000001')?.value).toBe('Yealink');
    expect(longestPrefixMatch(record, 'constructor!')).toBeUndefined();
  });
});
