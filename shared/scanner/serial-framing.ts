/**
 * How a serial (USB CDC / virtual COM) scanner frames its codes. Most send CR after each code; some are
 * set to LF or CRLF. "any" splits on every run of CR/LF: measured here, it is the only splitter that
 * cuts `A\r\nB\rC\n` into A, B, C without a stray LF, whatever the scanner was set to.
 */

/** Terminator settings a technician can pick. */
export const SERIAL_TERMINATORS = ['any', 'cr', 'lf', 'crlf'] as const;

/** A terminator setting. */
export type SerialTerminator = (typeof SERIAL_TERMINATORS)[number];

/** The splitter for a terminator setting (fed to serialport's RegexParser). */
export function terminatorPattern(terminator: SerialTerminator): RegExp {
  switch (terminator) {
    case 'cr':
      return /\r/;
    case 'lf':
      return /\n/;
    case 'crlf':
      return /\r\n/;
    case 'any':
      return /[\r\n]+/;
  }
}

/**
 * One framed line as a scan: framing and control characters at the ends removed (scanners can be set
 * to send STX/ETX or a stray CR/LF around a code). Empty when nothing is left: not a scan.
 */
export function cleanScanLine(line: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return line.replace(/^[\x00-\x1f\x7f]+|[\x00-\x1f\x7f]+$/g, '');
}
