import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../shared/grid/tsv';

describe('clipboard TSV (Excel / Google Sheets format)', () => {
  it('reads rows and cells, CRLF or LF, ignoring the final line break', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('one cell')).toEqual([['one cell']]);
    expect(parseTsv('one cell\r\n')).toEqual([['one cell']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('keeps empty cells and empty rows in the middle (a copied column with blanks)', () => {
    expect(parseTsv('1001\r\n\r\n1003\r\n')).toEqual([['1001'], [''], ['1003']]);
    expect(parseTsv('a\t\tc\r\n')).toEqual([['a', '', 'c']]);
  });

  it('reads quoted cells holding tabs, line breaks and doubled quotes', () => {
    const text = '"Room 1\nDesk 2"\t"say ""hi"""\t"a\tb"\r\nx\ty\tz\r\n';
    expect(parseTsv(text)).toEqual([['Room 1\nDesk 2', 'say "hi"', 'a\tb'], ['x', 'y', 'z']]);
  });

  it('reads a cell that merely contains a quote mark literally, as Excel does', () => {
    expect(parseTsv('5" screen\tok\r\n')).toEqual([['5" screen', 'ok']]);
    expect(parseTsv('"unbalanced\tok\r\nnext\trow\r\n')).toEqual([['"unbalanced', 'ok'], ['next', 'row']]);
  });

  it('writes Excel’s format: tabs, CRLF after every row, quotes only where needed', () => {
    expect(toTsv([['a', 'b'], ['c', 'd']])).toBe('a\tb\r\nc\td\r\n');
    expect(toTsv([['line\nbreak', 'say "hi"', 'plain']])).toBe('"line\nbreak"\t"say ""hi"""\tplain\r\n');
    expect(toTsv([])).toBe('');
  });

  it('round-trips any rectangular block of cells', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '\t', '\n', '\r\n', '"', ':', 'é') });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 })),
        (rows) => {
          // A single empty cell on its own is indistinguishable from nothing: Excel has the same limit.
          fc.pre(!(rows.length === 1 && rows[0]!.length === 1 && rows[0]![0] === ''));
          expect(parseTsv(toTsv(rows))).toEqual(rows.map((r) => (r.length === 1 && r[0] === '' ? [''] : r)));
        },
      ),
    );
  });
});
