import { describe, expect, it } from 'vitest';
import { DeviceBook } from '../../shared/domain/discovered-devices';

const T1 = '2025-01-01T10:00:00.000Z';
const T2 = '2025-01-01T10:00:05.000Z';

describe('DeviceBook', () => {
  it('names phones by OUI, others by the registrant lookup, and lists phones first, then by IP', () => {
    const book = new DeviceBook((mac) => (mac.startsWith('b8:27:eb') ? 'Raspberry Pi Foundation' : null));
    book.recordSweep({ ip: '10.0.0.30', mac: 'b8:27:eb:00:00:01' }, T1);
    book.recordSweep({ ip: '10.0.0.100', mac: '80:5e:c0:00:00:01' }, T1);
    book.recordSweep({ ip: '10.0.0.9', mac: '0c:38:3e:00:00:01' }, T1);
    book.recordSweep({ ip: '10.0.0.2', mac: '3c:5a:b4:00:00:01' }, T1);
    expect(book.list().map((d) => [d.ip, d.vendor, d.isPhone])).toEqual([
      ['10.0.0.9', 'Fanvil', true],
      ['10.0.0.100', 'Yealink', true],
      ['10.0.0.2', null, false],
      ['10.0.0.30', 'Raspberry Pi Foundation', false],
    ]);
    expect(book.counts()).toEqual({ devices: 4, phones: 2 });
  });

  it('reports a change only when something shown changes; lastSeen moves silently', () => {
    const book = new DeviceBook();
    expect(book.recordSweep({ ip: '10.0.0.5', mac: '80:5e:c0:00:00:01' }, T1)).toMatchObject({ source: 'sweep', firstSeen: T1 });
    expect(book.recordSweep({ ip: '10.0.0.5', mac: '80:5e:c0:00:00:01' }, T2)).toBeNull();
    expect(book.get('80:5e:c0:00:00:01')).toMatchObject({ firstSeen: T1, lastSeen: T2 });
    expect(book.recordSweep({ ip: '10.0.0.6', mac: '80:5e:c0:00:00:01' }, T2)).toMatchObject({ ip: '10.0.0.6' });
  });

  it('merges the sweep and PnP into one device with source both, keeping model and firmware', () => {
    const book = new DeviceBook();
    book.recordSweep({ ip: '10.0.0.5', mac: '80:5e:c0:00:00:01' }, T1);
    const announcement = { mac: '80:5e:c0:00:00:01', ip: '10.0.0.5', vendor: 'Yealink', announcedVendor: 'Yealink', model: 'T54W', firmware: '96.86.0.70', userAgent: null };
    expect(book.recordPnp(announcement, T2)).toMatchObject({ source: 'both', model: 'T54W', firmware: '96.86.0.70', firstSeen: T1 });
    expect(book.recordPnp(announcement, T2)).toBeNull();
    expect(book.recordSweep({ ip: '10.0.0.5', mac: '80:5e:c0:00:00:01' }, T2)).toBeNull();
    expect(book.get('80:5e:c0:00:00:01')).toMatchObject({ source: 'both', model: 'T54W' });
  });

  it('turns a PnP-only device into both when the sweep sees it later, and counts any announcer as a phone', () => {
    const book = new DeviceBook();
    const oem = { mac: '00:30:4f:00:00:01', ip: null, vendor: 'PLANET', announcedVendor: 'PLANET', model: 'VIP-2140PT', firmware: null, userAgent: null };
    expect(book.recordPnp(oem, T1)).toMatchObject({ source: 'pnp', isPhone: true, ip: '', vendor: 'PLANET' });
    expect(book.recordSweep({ ip: '10.0.0.7', mac: '00:30:4f:00:00:01' }, T2)).toMatchObject({ source: 'both', ip: '10.0.0.7', isPhone: true, vendor: 'PLANET' });
  });
});
