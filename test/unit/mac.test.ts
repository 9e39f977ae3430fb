import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MacParse, type MacStyle, formatMac, macHex, parseMac, sameMac } from '../../shared/domain/mac';

const CANONICAL = '80:5e:c0:12:34:56';

function accepted(text: string): Extract<MacParse, { ok: true }> {
  const result = parseMac(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.reason}`);
  return result;
}

function refused(text: string, options?: Parameters<typeof parseMac>[1]): Extract<MacParse, { ok: false }> {
  const result = parseMac(text, options);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${result.mac}`);
  return result;
}

describe('parseMac accepts every common written form', () => {
  const forms = [
    '805EC0123456',
    '805ec0123456',
    '80:5e:c0:12:34:56',
    '80:5E:C0:12:34:56',
    '80-5E-C0-12-34-56',
    '80-5e-c0-12-34-56',
    '805e.c012.3456',
    '805E.C012.3456',
    '805EC0-123456',
    '805EC0:123456',
    '80 5E C0 12 34 56',
    '80.5e.c0.12.34.56',
    '805e-c012-3456',
    'MAC805EC0123456',
    'mac805ec0123456',
    'MAC:805EC0123456',
    'MAC: 80:5E:C0:12:34:56',
    'MAC=805ec0123456',
    'MAC%3A805EC0123456',
    'mac%3a805EC0123456',
    '  805EC0123456  ',
    '\t80:5e:c0:12:34:56\r\n',
    ' MAC 805e.c012.3456 ',
    '80:5E:c0:12:34:56',
  ];
  it.each(forms)('%j → 80:5e:c0:12:34:56', (text) => {
    const result = accepted(text);
    expect(result.mac).toBe(CANONICAL);
    expect(result.hex).toBe('805ec0123456');
    expect(result.locallyAdministered).toBe(false);
  });

  it('accepts mixed separators when the groups are still regular, since the 12 digits are unambiguous', () => {
    expect(accepted('80:5e-c0:12:34:56').mac).toBe(CANONICAL);
    expect(accepted('80:5e:c0-12-34-56').mac).toBe(CANONICAL);
    expect(accepted('805e.c012-3456').mac).toBe(CANONICAL);
  });
});

describe('parseMac refuses what is not a MAC, saying why', () => {
  it('refuses empty and blank input', () => {
    expect(refused('').problem).toBe('empty');
    expect(refused('   \t\n').problem).toBe('empty');
    expect(refused('MAC:').reason).toMatch(/only the label/i);
    expect(parseMac(undefined as unknown as string)).toMatchObject({ ok: false, problem: 'empty' });
  });

  it.each([
    ['0C383EA1B2C', 11, /missing/],
    ['805EC012345', 11, /missing/],
    ['805EC01234567', 13, /extra/],
    ['80:5e:c0:12:34', 10, /missing/],
    ['805EC0123456805EC0123457', 24, /extra/],
    ['8', 1, /missing/],
  ])('%j: says it found %i hex digits', (text, count, hint) => {
    const result = refused(text);
    expect(result.problem).toBe('length');
    expect(result.reason).toContain(count === 1 ? '1 hex digit;' : `${count} hex digits`);
    expect(result.reason).toMatch(hint);
  });

  it('names the characters that cannot be in a MAC, and never strips them to make 12', () => {
    const serialish = refused('SN80:5e:c0:12:34:56');
    expect(serialish.problem).toBe('non-hex');
    expect(serialish.reason).toContain('"S"');
    expect(serialish.reason).toContain('"N"');
    expect(refused('805EC0I23456').reason).toContain('"I"');
    expect(refused('8O5EC0123456').reason).toMatch(/"O".*misread 0/);
    expect(refused('805EC0\t123456').reason).toContain('a tab');
    expect(refused('805EC0\u0000123456').reason).toContain('U+0000');
    expect(refused('805EC0_123456').reason).toContain('"_"');
    expect(refused('８０５ＥＣ０１２３４５６').problem).toBe('non-hex');
    expect(refused('0x805EC0123456').reason).toContain('"x"');
    // Many different bad characters: a few are named, then "and others".
    expect(refused('GHIJKLMNOPQR').reason).toMatch(/"G", "H", "I", "J", "K" and others/);
  });

  it.each([
    '805:ec0:123:456',
    '80::5e:c0:12:34:56',
    ':805EC0123456',
    '805EC0123456:',
    '8-05EC0123456',
    '80 5E  C0 12 34 56',
    '805EC0 - 123456',
  ])('%j: separators in odd places are refused', (text) => {
    expect(refused(text).problem).toBe('grouping');
  });

  it('refuses the all-zero and broadcast addresses', () => {
    expect(refused('000000000000').problem).toBe('all-zero');
    expect(refused('00:00:00:00:00:00').reason).toContain('00:00:00:00:00:00');
    expect(refused('FFFFFFFFFFFF').problem).toBe('broadcast');
    expect(refused('ff-ff-ff-ff-ff-ff').reason).toMatch(/broadcast/);
  });

  it.each(['01005E000001', '33:33:00:00:00:01', '815EC0123456', 'FF5EC0123456', '0D383E123456'])('%j: multicast (I/G bit) is refused', (text) => {
    const result = refused(text);
    expect(result.problem).toBe('multicast');
    expect(result.reason).toMatch(/multicast/);
  });

  it('refuses 10 kB of text quickly, without echoing it', () => {
    const huge = '8'.repeat(10_000);
    const result = refused(huge);
    expect(result.problem).toBe('too-long');
    expect(result.reason).toContain('10000 characters');
    expect(result.reason.length).toBeLessThan(300);
  });
});

describe('locally administered addresses', () => {
  it.each(['02AB12345678', '06:00:00:00:00:01', '0a-11-22-33-44-55', 'DE:AD:BE:EF:00:01', 'EE1122334455'])(
    '%j is flagged by default, refused for phones',
    (text) => {
      const flagged = accepted(text);
      expect(flagged.locallyAdministered).toBe(true);
      const phone = refused(text, { allowLocallyAdministered: false });
      expect(phone.problem).toBe('locally-administered');
      expect(phone.reason).toMatch(/locally administered/);
    },
  );

  it('does not flag globally administered addresses', () => {
    expect(accepted('00:15:65:00:00:01').locallyAdministered).toBe(false);
    expect(parseMac('0C383E000001', { allowLocallyAdministered: false }).ok).toBe(true);
  });
});

describe('helpers', () => {
  it('macHex gives 12 lower-case hex digits, or null', () => {
    expect(macHex('80-5E-C0-12-34-56')).toBe('805ec0123456');
    expect(macHex('not a mac')).toBeNull();
  });

  it('sameMac compares across forms', () => {
    expect(sameMac('805EC0123456', 'mac:80:5e:c0:12:34:56')).toBe(true);
    expect(sameMac('805e.c012.3456', '80-5E-C0-12-34-56')).toBe(true);
    expect(sameMac('805EC0123456', '805EC0123457')).toBe(false);
    expect(sameMac('junk', 'junk')).toBe(false);
  });

  it.each<[MacStyle, string]>([
    ['colon-lower', '80:5e:c0:12:34:56'],
    ['colon-upper', '80:5E:C0:12:34:56'],
    ['bare-upper', '805EC0123456'],
    ['hyphen-upper', '80-5E-C0-12-34-56'],
  ])('formatMac %s', (style, expected) => {
    expect(formatMac('805ec0123456', style)).toBe(expected);
    expect(formatMac('80:5E:C0:12:34:56', style)).toBe(expected);
  });

  it('formatMac refuses text that is not a MAC', () => {
    expect(() => formatMac('80:5e:c0', 'bare-upper')).toThrow(RangeError);
  });
});

// What the parser may legally see once the text is trimmed and one label removed: only hex and separators.
function strippedDigits(text: string): string {
  return text.trim().replace(/^MAC(?:%3A|[:=])?\s*/i, '').replace(/[:\-. ]/g, '');
}

const macAlphabet = [...'0123456789abcdefABCDEF:-. ', 'g', 'O', 'x', '\t', '\u00a0', 'é'];
const macLike = fc
  .tuple(
    fc.constantFrom('', 'MAC', 'MAC:', 'mac=', 'MAC%3A', 'MAC ', ' '),
    fc.array(fc.constantFrom(...macAlphabet), { maxLength: 24 }),
    fc.constantFrom('', ' ', '\n', ':'),
  )
  .map(([prefix, chars, suffix]) => prefix + chars.join('') + suffix);

const wellFormed = fc
  .tuple(fc.uint8Array({ minLength: 6, maxLength: 6 }), fc.constantFrom(':', '-', '.', ' ', ''), fc.constantFrom(2, 4, 6, 12), fc.boolean(), fc.constantFrom('', 'MAC:', 'mac%3a'))
  .map(([bytes, sep, group, upper, prefix]) => {
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const text = (hex.match(new RegExp(`.{${group}}`, 'g')) ?? []).join(sep);
    return { hex, text: prefix + (upper ? text.toUpperCase() : text) };
  });

// A well-formed MAC with one character inserted or deleted: the near misses a parser must not wave through.
const nearMiss = fc
  .tuple(wellFormed, fc.nat(), fc.constantFrom('g', 'O', 'x', '\t', 'é', '_', '/', '0', 'F', ':', '-', ''), fc.boolean())
  .map(([{ text }, at, extra, remove]) => {
    const i = at % (text.length + 1);
    return remove ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + extra + text.slice(i);
  });

describe('parseMac properties', () => {
  it('never throws, and only accepts exactly 12 hex digits once separators and label are removed', () => {
    let acceptedCount = 0;
    const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), macLike, nearMiss, wellFormed.map((w) => w.text));
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseMac(text);
        if (result.ok) {
          acceptedCount += 1;
          const digits = strippedDigits(text);
          expect(digits).toMatch(/^[0-9a-f]{12}$/i);
          expect(digits.toLowerCase()).toBe(result.hex);
        } else {
          expect(result.reason.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 3000 },
    );
    // The generators must reach the accepting path, or the property above proves nothing.
    expect(acceptedCount).toBeGreaterThan(100);
  });

  it('reads every well-formed MAC back to the same 12 digits, and its canonical form re-parses to itself', () => {
    fc.assert(
      fc.property(wellFormed, ({ hex, text }) => {
        const result = parseMac(text);
        const firstOctet = parseInt(hex.slice(0, 2), 16);
        if (hex === '000000000000' || firstOctet & 1) {
          expect(result.ok).toBe(false);
          return;
        }
        if (!result.ok) throw new Error(`${text}: ${result.reason}`);
        expect(result.hex).toBe(hex);
        expect(result.locallyAdministered).toBe((firstOctet & 2) !== 0);
        const again = parseMac(result.mac);
        expect(again).toEqual(result);
        expect(formatMac(result.mac, 'colon-lower')).toBe(result.mac);
      }),
      { numRuns: 2000 },
    );
  });
});
