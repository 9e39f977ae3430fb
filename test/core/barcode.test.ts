import { afterAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../electron/core/core';
import { createLogger } from '../../electron/core/log';
import { loadRegistrantNames } from '../../electron/core/oui/oui-data';
import { createRegistrantLookup } from '../../electron/core/oui/registrant';
import { MAX_BARCODE_TEXT, barcodeClassificationSchema } from '../../shared/contract';
import { tempDir } from '../support/temp';

const dir = tempDir();
const core: Core = createCore({ dataDir: dir.path, shell: 'web' });
afterAll(async () => {
  await core.close();
  dir.cleanup();
});

async function classify(text: unknown): Promise<unknown> {
  const result = await core.dispatch('barcode:classify', { text });
  if (!result.ok) throw new Error(`barcode:classify failed: ${result.error.message}`);
  return barcodeClassificationSchema.parse(result.data);
}

describe('barcode:classify through the core, with the real IEEE registry', () => {
  // discovery-and-scanning.md §6.3, end to end.
  it.each([
    ['805EC0A1B2C3', { kind: 'mac', mac: '80:5e:c0:a1:b2:c3', vendor: 'Yealink' }],
    ['80:5e:c0:a1:b2:c3', { kind: 'mac', mac: '80:5e:c0:a1:b2:c3', vendor: 'Yealink' }],
    ['MAC:0C383EA1B2C3', { kind: 'mac', vendor: 'Fanvil' }],
    ['C074ADA1B2C3', { kind: 'mac', vendor: 'Grandstream' }],
    ['000413A1B2C3', { kind: 'mac', vendor: 'Snom' }],
    ['001FC1A1B2C3', { kind: 'mac', vendor: 'Htek' }],
    ['0C383EA1B2C', { kind: 'rejected', reason: expect.stringMatching(/11 hex digits/) as unknown }],
    ['20180412345678', { kind: 'rejected', reason: expect.stringMatching(/serial number/) as unknown }],
    ['201804123456', { kind: 'rejected', reason: expect.stringMatching(/no phone maker's prefix/) as unknown }],
    ['3C5AB4A1B2C3', { kind: 'mac-unknown-vendor', mac: '3c:5a:b4:a1:b2:c3', registrant: 'Google, Inc.' }],
    ['02AB12345678', { kind: 'rejected', reason: expect.stringMatching(/locally administered/) as unknown }],
    ['6970000000000', { kind: 'rejected', reason: expect.stringMatching(/EAN-13/) as unknown }],
    ['SIP-T54W', { kind: 'rejected', reason: expect.stringMatching(/model or part number/) as unknown }],
    ['1301211', { kind: 'rejected', reason: expect.stringMatching(/part or model number/) as unknown }],
  ])('%j', async (text, expected) => {
    expect(await classify(text)).toMatchObject(expected);
  });

  it('names the maker of a non-phone device from the registry, and refuses prefixes nobody registered', async () => {
    expect(await classify('00:1B:54:11:22:33')).toMatchObject({ kind: 'mac-unknown-vendor', registrant: 'Cisco Systems, Inc' });
    expect(await classify('MAC:201804123456')).toMatchObject({ kind: 'rejected', reason: expect.stringMatching(/20:18:04/) as unknown });
    expect(await classify('00:A8:59:12:34:56')).toMatchObject({ kind: 'rejected' });
  });

  it('answers a malformed or oversized request with a validation error, not a crash', async () => {
    for (const payload of [{}, { text: 42 }, { text: 'x', extra: 1 }, { text: 'x'.repeat(MAX_BARCODE_TEXT + 1) }]) {
      const result = await core.dispatch('barcode:classify', payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(await classify('x'.repeat(MAX_BARCODE_TEXT))).toMatchObject({ kind: 'rejected' });
  });
});

describe('the lazy registry lookup', () => {
  const lookup = createRegistrantLookup(createLogger());

  it('uses the longest IEEE block, and treats unassigned sub-blocks of the IEEE as unregistered', () => {
    expect(lookup('3c5ab4000001')).toBe('Google, Inc.');
    expect(lookup('70B3D5EC8001')).toMatch(/^PANASONIC LIFE SOLUTIONS/);
    // 10:06:48 is an MA-L the IEEE carved into MA-M blocks; 10:06:48:F is not assigned to anyone.
    expect(loadRegistrantNames().get('100648')).toBe('IEEE Registration Authority');
    expect(lookup('100648F00001')).toBeNull();
    expect(lookup('201804123456')).toBeNull();
    expect(lookup('00A859123456')).toBeNull();
  });
});
