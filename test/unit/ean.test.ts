import { describe, expect, it } from 'vitest';
import { hasValidGtinCheckDigit, productCodeKind } from '../../shared/domain/ean';

describe('GS1 check digits', () => {
  it.each([
    ['6970000000000', 'EAN-13'],
    ['4006381333931', 'EAN-13'],
    ['5901234123457', 'EAN-13'],
    ['036000291452', 'UPC-A'],
    ['012345678905', 'UPC-A'],
    ['96385074', 'EAN-8'],
    ['10614141000415', 'GTIN-14'],
  ])('%s is a valid %s', (code, kind) => {
    expect(hasValidGtinCheckDigit(code)).toBe(true);
    expect(productCodeKind(code)).toBe(kind);
  });

  it.each(['6970000000001', '4006381333932', '036000291453', '012345678900', '96385070'])('%s has a wrong check digit', (code) => {
    expect(hasValidGtinCheckDigit(code)).toBe(false);
    expect(productCodeKind(code)).toBeNull();
  });

  it('catches every single-digit error in a valid code', () => {
    const code = '5901234123457';
    for (let i = 0; i < code.length; i += 1) {
      for (let d = 0; d <= 9; d += 1) {
        if (String(d) === code[i]) continue;
        expect(hasValidGtinCheckDigit(code.slice(0, i) + d + code.slice(i + 1))).toBe(false);
      }
    }
  });

  it('is false for anything that is not all digits, and has no kind for other lengths', () => {
    expect(hasValidGtinCheckDigit('')).toBe(false);
    expect(hasValidGtinCheckDigit('7')).toBe(false);
    expect(hasValidGtinCheckDigit('03600029145A')).toBe(false);
    expect(hasValidGtinCheckDigit(' 036000291452')).toBe(false);
    expect(productCodeKind('1230')).toBeNull();
  });
});
