/**
 * Retail product codes (GS1 GTIN family: EAN-8, UPC-A, EAN-13, GTIN-14). Phone cartons carry them next to
 * the MAC barcode, and a 12-digit UPC-A is also 12 valid hex digits: the check digit is how we recognise one.
 */

/** The product-code symbologies we recognise, by digit count. */
export type ProductCodeKind = 'EAN-8' | 'UPC-A' | 'EAN-13' | 'GTIN-14';

const KIND_BY_LENGTH: Readonly<Record<number, ProductCodeKind>> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13', 14: 'GTIN-14' };

/**
 * True when the last digit of an all-digit code is its GS1 check digit: weights 3 and 1 alternate from
 * the digit next to the check digit leftwards, and the check digit brings the sum to a multiple of 10.
 */
export function hasValidGtinCheckDigit(code: string): boolean {
  if (!/^\d{2,}$/.test(code)) return false;
  let sum = 0;
  for (let i = code.length - 2, weight = 3; i >= 0; i -= 1, weight = 4 - weight) {
    sum += Number(code[i]) * weight;
  }
  return (10 - (sum % 10)) % 10 === Number(code[code.length - 1]);
}

/** The product-code kind of an all-digit text with a valid check digit (8, 12, 13 or 14 digits), else null. */
export function productCodeKind(code: string): ProductCodeKind | null {
  const kind = KIND_BY_LENGTH[code.length];
  return kind !== undefined && hasValidGtinCheckDigit(code) ? kind : null;
}
