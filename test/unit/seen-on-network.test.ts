import { describe, expect, it } from 'vitest';
import { emptyRow, type Row } from '../../shared/domain/project';
import { forgetSeenWhereMacChanged, markSeenOnNetwork, sightingKey } from '../../shared/domain/seen-on-network';
import { sourceText } from '../../shared/grid/cells';

const row = (id: string, mac: string, extra: Partial<Row> = {}): Row => ({ ...emptyRow(id, 'scanned-serial'), mac, extension: '1001', ...extra });

describe('seen on the network: the one matching rule', () => {
  it('keys a MAC by its 12 hex digits whatever form it is written in, and refuses text that is not a MAC', () => {
    for (const written of ['80:5e:c0:12:34:56', '805EC0123456', '80-5E-C0-12-34-56', '805e.c012.3456', ' MAC: 805EC0-123456 ']) {
      expect(sightingKey(written)).toBe('805ec0123456');
    }
    expect(sightingKey('SN 2103 4455 6677')).toBeNull();
    expect(sightingKey('')).toBeNull();
  });

  it('marks rows whose MAC was seen, in any written form, and nothing else on them', () => {
    const rows = [row('a', '805EC0123456'), row('b', '80:5e:c0:00:00:02'), row('c', 'not a mac'), row('d', '')];
    const outcome = markSeenOnNetwork(rows, new Set([sightingKey('80:5e:c0:12:34:56')!, sightingKey('0c:38:3e:00:00:09')!]));
    expect(outcome.marked).toEqual(['a']);
    expect(outcome.rows[0]).toEqual({ ...rows[0], seenOnNetwork: true });
    expect(outcome.rows.slice(1)).toEqual(rows.slice(1));
    expect(outcome.rows[1]).toBe(rows[1]);
  });

  it('returns the same array when nothing is new, so nothing is saved: already marked, no sightings, no match', () => {
    const marked = [row('a', '80:5e:c0:12:34:56', { seenOnNetwork: true })];
    expect(markSeenOnNetwork(marked, new Set(['805ec0123456']))).toEqual({ rows: marked, marked: [] });
    expect(markSeenOnNetwork(marked, new Set()).rows).toBe(marked);
    const unmarked = [row('b', '80:5e:c0:12:34:57')];
    expect(markSeenOnNetwork(unmarked, new Set(['805ec0123456'])).rows).toBe(unmarked);
  });

  it('marks every row holding the MAC (a duplicate row is the grid’s to report), locked rows included', () => {
    const rows = [row('a', '805EC0123456', { status: 'on-pbx' }), row('b', '80:5e:c0:12:34:56')];
    expect(markSeenOnNetwork(rows, new Set(['805ec0123456'])).marked).toEqual(['a', 'b']);
  });

  it('checks 5 000 rows quickly (it runs on every save while discovery has seen devices)', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => row(`r${i}`, `80:5e:c0:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`));
    const seen = new Set(['805ec0000001', '805ec0001300']);
    const started = performance.now();
    const outcome = markSeenOnNetwork(rows, seen);
    const ms = performance.now() - started;
    expect(outcome.marked).toEqual(['r1', 'r4864']);
    expect(ms).toBeLessThan(100);
  });

  it('shows the confirmation in the grid’s Source column, in words', () => {
    expect(sourceText(row('a', '805EC0123456'))).toBe('Scanned (serial)');
    expect(sourceText(row('a', '805EC0123456', { seenOnNetwork: true }))).toBe('Scanned (serial) · seen on network ✓');
    expect(sourceText({ ...emptyRow('b', 'discovered'), seenOnNetwork: true })).toBe('Found on the network');
    expect(sourceText({ ...emptyRow('c', 'scanned-wedge'), seenOnNetwork: true })).toBe('Scanned (USB) · seen on network ✓');
  });
});

describe('a changed MAC loses its mark', () => {
  it('clears the mark of a row whose MAC changed, keeps it for the same MAC in another form and for new rows', () => {
    const stored = [row('a', '80:5e:c0:12:34:56', { seenOnNetwork: true }), row('b', '80:5e:c0:12:34:57', { seenOnNetwork: true })];
    const next = [
      { ...stored[0]!, mac: '80:5e:c0:99:99:99' },
      { ...stored[1]!, mac: '805EC0123457', extension: '1002' },
      row('new', '0c:38:3e:00:00:01', { source: 'discovered', seenOnNetwork: true }),
    ];
    const out = forgetSeenWhereMacChanged(stored, next);
    expect(out.map((r) => [r.id, r.seenOnNetwork])).toEqual([
      ['a', false],
      ['b', true],
      ['new', true],
    ]);
    expect(out[1]).toBe(next[1]);
    const unchanged = [{ ...stored[1]!, extension: '1003' }];
    expect(forgetSeenWhereMacChanged(stored, unchanged)).toBe(unchanged);
  });
});
