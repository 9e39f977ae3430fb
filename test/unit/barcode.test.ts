import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BarcodeClassification, type RegistrantLookup, classifyBarcode } from '../../shared/domain/barcode';

// A registry excerpt (real IEEE names) standing in for the 5.6 MB one; the core test uses the real registry.
const REGISTRY: Record<string, string> = { '3C5AB4': 'Google, Inc.', '001B54': 'Cisco Systems, Inc', '001122': 'CIMSYS Inc' };
const registrantFor: RegistrantLookup = (hex) => REGISTRY[hex.slice(0, 6).toUpperCase()] ?? null;
const classify = (text: string): BarcodeClassification => classifyBarcode(text, { registrantFor });

function rejectedReason(text: string): string {
  const result = classify(text);
  if (result.kind !== 'rejected') throw new Error(`expected ${JSON.stringify(text)} to be rejected, got ${JSON.stringify(result)}`);
  return result.reason;
}

// discovery-and-scanning.md §6.3, row by row.
describe('the synthetic examples of §6.3', () => {
  it.each<[string, Partial<BarcodeClassification> & { kind: BarcodeClassification['kind'] }, RegExp?]>([
    ['805EC0A1B2C3', { kind: 'mac', mac: '80:5e:c0:a1:b2:c3', vendor: 'Yealink' }],
    ['80:5e:c0:a1:b2:c3', { kind: 'mac', mac: '80:5e:c0:a1:b2:c3', vendor: 'Yealink' }],
    ['MAC:0C383EA1B2C3', { kind: 'mac', mac: '0c:38:3e:a1:b2:c3', vendor: 'Fanvil' }],
    ['C074ADA1B2C3', { kind: 'mac', mac: 'c0:74:ad:a1:b2:c3', vendor: 'Grandstream' }],
    ['000413A1B2C3', { kind: 'mac', mac: '00:04:13:a1:b2:c3', vendor: 'Snom' }],
    ['001FC1A1B2C3', { kind: 'mac', mac: '00:1f:c1:a1:b2:c3', vendor: 'Htek' }],
    ['0C383EA1B2C', { kind: 'rejected' }, /11 hex digits/],
    ['20180412345678', { kind: 'rejected' }, /14 digits: looks like a serial number/],
    ['201804123456', { kind: 'rejected' }, /12 digits .*no phone maker's prefix/],
    ['3C5AB4A1B2C3', { kind: 'mac-unknown-vendor', mac: '3c:5a:b4:a1:b2:c3', registrant: 'Google, Inc.' }, /Google.*confirm/],
    ['02AB12345678', { kind: 'rejected' }, /locally administered/],
    ['6970000000000', { kind: 'rejected' }, /EAN-13.*product code/],
    ['SIP-T54W', { kind: 'rejected' }, /model or part number/],
    ['1301211', { kind: 'rejected' }, /7 digits: looks like a part or model number/],
  ])('%j', (text, expected, reason) => {
    const result = classify(text);
    expect(result).toMatchObject(expected);
    if (reason) expect('reason' in result ? result.reason : '').toMatch(reason);
  });
});

describe('classifyBarcode: MACs', () => {
  it.each([
    '805EC0A1B2C3',
    '805ec0a1b2c3',
    '80:5E:C0:A1:B2:C3',
    '80-5e-c0-a1-b2-c3',
    '805e.c0a1.b2c3',
    'MAC805EC0A1B2C3',
    'MAC=805ec0a1b2c3',
    'mac%3a805EC0A1B2C3',
    '  805EC0A1B2C3\r\n',
    '80 5E C0 A1 B2 C3',
  ])('%j is a Yealink MAC', (text) => {
    expect(classify(text)).toEqual({ kind: 'mac', mac: '80:5e:c0:a1:b2:c3', vendor: 'Yealink' });
  });

  it('accepts an all-digit MAC when its prefix belongs to a phone vendor, even if it also passes as a UPC-A', () => {
    // 001565000004 has a valid UPC-A check digit, but 00:15:65 is Yealink's.
    expect(classify('001565000004')).toEqual({ kind: 'mac', mac: '00:15:65:00:00:04', vendor: 'Yealink' });
    expect(classify('001565123456')).toMatchObject({ kind: 'mac', vendor: 'Yealink' });
  });

  it('asks for confirmation for a registered non-phone maker, naming it', () => {
    const cisco = classify('00:1B:54:11:22:33');
    expect(cisco).toMatchObject({ kind: 'mac-unknown-vendor', mac: '00:1b:54:11:22:33', registrant: 'Cisco Systems, Inc' });
    expect(cisco.kind === 'mac-unknown-vendor' && cisco.reason).toMatch(/Cisco Systems, Inc.*confirm/);
  });

  it('without a registry at hand, a non-phone MAC is still offered for confirmation (not refused)', () => {
    const result = classifyBarcode('3C5AB4A1B2C3');
    expect(result).toMatchObject({ kind: 'mac-unknown-vendor', mac: '3c:5a:b4:a1:b2:c3' });
    expect(result).not.toHaveProperty('registrant');
    expect(classifyBarcode('3C5AB4A1B2C3', { registrantFor: () => undefined })).toMatchObject({ kind: 'mac-unknown-vendor' });
  });

  it('treats a hex MAC whose prefix no maker registered as a serial or part number', () => {
    expect(rejectedReason('ACDEF1123456')).toMatch(/AC:DE:F1.*serial or part number/);
    // With an explicit MAC label or separators, all-digit text is read as a MAC claim, then the registry decides.
    expect(rejectedReason('MAC:201804123456')).toMatch(/20:18:04/);
    expect(classify('00:11:22:33:44:55')).toMatchObject({ kind: 'mac-unknown-vendor', registrant: 'CIMSYS Inc' });
  });
});

describe('classifyBarcode: what is not a MAC', () => {
  it('refuses nothing at all', () => {
    expect(rejectedReason('')).toMatch(/Nothing was read/);
    expect(rejectedReason(' \t\r\n')).toMatch(/Nothing was read/);
    expect(rejectedReason('MAC:')).toMatch(/label/);
  });

  it.each([
    ['012345678905', /valid UPC-A check digit/],
    ['036000291452', /valid UPC-A check digit/],
    ['036000291453', /serial number or EAN\/UPC product code/],
    ['123456789012', /valid UPC-A check digit/],
    ['001122334456', /serial number or EAN\/UPC product code/],
    ['201804123457', /serial number or EAN\/UPC product code/],
    ['4006381333931', /EAN-13/],
    ['4006381333932', /13 digits: looks like a serial number/],
    ['96385074', /EAN-8/],
    ['10614141000415', /14 digits: looks like a serial number/],
    ['12345678901234567890', /20 digits: looks like a serial number/],
    ['123456', /6 digits: looks like a part or model number/],
  ])('all digits %j', (text, reason) => {
    expect(rejectedReason(text)).toMatch(reason);
  });

  it.each([
    ['SIP-T54W', /model or part number/],
    ['T46U', /model or part number/],
    ['GRP2612W', /model or part number/],
    ['X5U-V2', /model or part number/],
    ['8A1234567890123', /15 characters: looks like a serial number/],
    ['801234567890123', /15 digits: looks like a serial number/],
    ['YL2023A1B2C3D4E5', /16 characters: looks like a serial number/],
    ['SN:805EC0A1B2C3', /serial number/],
    ['S/N 2018041234567', /serial number/],
    ['SN805EC0A1B2C3', /serial number/],
    ['Serial No. 12345', /serial number/],
  ])('serials and model numbers: %j', (text, reason) => {
    expect(rejectedReason(text)).toMatch(reason);
  });

  it.each([
    ['01005E000001', /multicast/],
    ['815EC0A1B2C3', /multicast/],
    ['000000000000', /all-zero/],
    ['00:00:00:00:00:00', /all-zero/],
    ['FFFFFFFFFFFF', /broadcast/],
    ['02AB12345678', /locally administered/],
    ['06:00:00:00:00:01', /locally administered/],
    ['825EC0A1B2C3', /locally administered/],
    ['DEADBEEF0001', /locally administered/],
  ])('addresses a phone cannot have: %j', (text, reason) => {
    expect(rejectedReason(text)).toMatch(reason);
  });

  it('never strips junk to make 12 hex digits', () => {
    expect(classify('80:5E:C0:A1:B2:C3:D4').kind).toBe('rejected');
    expect(classify('805EC0A1B2C3X').kind).toBe('rejected');
    expect(classify('805EC0A1B2C3 805EC0A1B2C4').kind).toBe('rejected');
    expect(rejectedReason('805EC0-A1B2C3-GH')).toContain('"G"');
    expect(rejectedReason('8O5EC0A1B2C3')).toMatch(/misread 0/);
  });

  it('refuses 10 kB in one piece, quickly, without echoing it back', () => {
    for (const huge of ['8'.repeat(10_000), 'A'.repeat(10_000), `805EC0A1B2C3${' '.repeat(10_000)}x`, 'x'.repeat(10_240)]) {
      const reason = rejectedReason(huge);
      expect(reason.length).toBeLessThan(300);
      expect(reason).toMatch(/too long/);
    }
    const started = performance.now();
    const rounds = 2_000;
    for (let i = 0; i < rounds; i += 1) classify(`${'7'.repeat(10_239)}${i % 10}`);
    const perCallUs = ((performance.now() - started) / rounds) * 1000;
    // Loose bound, not a benchmark: a quadratic scan of 10 kB would take milliseconds per call.
    expect(perCallUs).toBeLessThan(2_000);
    console.log(`classifyBarcode on 10 kB input: ${perCallUs.toFixed(1)} µs per call`);
  });

  it('refuses 10 kB of whitespace-padded nothing', () => {
    expect(rejectedReason(' '.repeat(10_000))).toMatch(/Nothing was read/);
  });
});

describe('classifyBarcode properties', () => {
  const scanLike = fc
    .tuple(
      fc.constantFrom('', 'MAC', 'MAC:', 'SN:', ' '),
      fc.array(fc.constantFrom(...'0123456789ABCDEFabcdefGOSN:-. /'), { maxLength: 22 }),
      fc.constantFrom('', '\r\n', '\t'),
    )
    .map(([a, b, c]) => a + b.join('') + c);

  // A Yealink-prefixed MAC with one character inserted: a scan that must never come out as a MAC with junk dropped.
  const nearMiss = fc
    .tuple(fc.stringMatching(/^[0-9A-F]{6}$/), fc.nat(), fc.constantFrom(...'GOSNXZ_/#é'))
    .map(([nic, at, extra]) => {
      const text = `805EC0${nic}`;
      const i = at % (text.length + 1);
      return text.slice(0, i) + extra + text.slice(i);
    });

  it('never accepts a MAC with a foreign character in it', () => {
    fc.assert(
      fc.property(nearMiss, (text) => {
        expect(classify(text).kind).toBe('rejected');
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, and answers with one of the three kinds, with a reason when it is not a clean MAC', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), scanLike), (text) => {
        const result = classify(text);
        switch (result.kind) {
          case 'mac':
            expect(result.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
            expect(result.vendor.length).toBeGreaterThan(0);
            break;
          case 'mac-unknown-vendor':
            expect(result.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
            expect(result.reason).toMatch(/confirm/);
            break;
          case 'rejected':
            expect(result.reason.length).toBeGreaterThan(10);
            expect(result.reason.length).toBeLessThan(300);
            break;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts only unicast, globally administered addresses, and only 12 hex digits of the text', () => {
    fc.assert(
      fc.property(scanLike, (text) => {
        const result = classify(text);
        if (result.kind === 'rejected') return;
        const first = parseInt(result.mac.slice(0, 2), 16);
        expect(first & 3).toBe(0);
        const digits = text.trim().replace(/^MAC(?:%3A|[:=])?\s*/i, '').replace(/[:\-. ]/g, '');
        expect(digits.toLowerCase()).toBe(result.mac.replaceAll(':', ''));
      }),
      { numRuns: 3000 },
    );
  });
});
