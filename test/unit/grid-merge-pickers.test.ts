import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../../shared/domain/pbx-snapshot';
import { emptyRow } from '../../shared/domain/project';
import { mergeRows } from '../../shared/grid/merge';
import { indexSnapshot } from '../../shared/grid/pbx-index';
import { emptyPickerReason, pickOptions } from '../../shared/grid/pickers';
import { snapshotFixture, validRow, yealinkMac } from '../support/pbx-fixture';

describe('merging the grid’s unsaved edits with a project saved meanwhile', () => {
  const a = validRow('a', yealinkMac(1), '1001');
  const b = validRow('b', yealinkMac(2), '1003');
  const c = validRow('c', yealinkMac(3), '1004');
  const base = [a, b, c];

  it('keeps the queue’s states and the grid’s edits, additions and deletions', () => {
    const local = [{ ...a, location: 'Desk 1' }, { ...emptyRow('new'), location: 'spare' }, c];
    const remote = [{ ...a, status: 'failed' as const, message: 'no' }, b, { ...c, seenOnNetwork: true }, validRow('scanned', yealinkMac(9), '')];
    const { rows: merged, dropped } = mergeRows(base, local, remote);
    expect(dropped).toEqual([]);
    expect(merged.map((r) => r.id)).toEqual(['a', 'new', 'c', 'scanned']);
    expect(merged[0]).toMatchObject({ location: 'Desk 1', status: 'failed', message: 'no' });
    expect(merged[2]).toMatchObject({ seenOnNetwork: true });
  });

  it('does not change or delete rows the queue locked meanwhile', () => {
    const local = [{ ...a, extension: '1011' }];
    const remote = [{ ...a, status: 'queued' as const }, { ...b, status: 'sending' as const }, c];
    const { rows: merged, dropped } = mergeRows(base, local, remote);
    expect(dropped).toEqual(['a']);
    expect(merged.map((r) => [r.id, r.extension, r.status])).toEqual([
      ['a', '1001', 'queued'],
      ['b', '1003', 'sending'],
    ]);
  });

  it('is the remote rows when nothing was edited here', () => {
    const remote = [b, { ...c, status: 'on-pbx' as const }];
    expect(mergeRows(base, base, remote)).toEqual({ rows: remote, dropped: [] });
  });
});

describe('pickers', () => {
  const index = indexSnapshot(snapshotFixture());
  const row = validRow('r', yealinkMac(1), '', { vendor: 'Yealink', model: 'SIP-T54W' });

  it('offer only combinations the PBX has, with the default template marked', () => {
    expect(pickOptions('vendor', row, 'alca', index, []).map((o) => o.value)).toEqual(['Ale']);
    expect(pickOptions('model', row, '', index, []).map((o) => o.value)).toEqual(['SIP-T54W', 'SIP-T31P']);
    expect(pickOptions('template', row, '', index, [])).toMatchObject([{ value: 'Custom_T54' }, { value: 'YSDP_YealinkT5', badge: 'default' }]);
    expect(pickOptions('method', { ...row, vendor: 'Fanvil', model: 'X4U' }, '', index, []).map((o) => o.value)).toEqual(['pnp', 'dhcp', 'rps']);
  });

  it('search extensions by number and name and show how many phones each carries', () => {
    const rows = [validRow('x', yealinkMac(2), '1003')];
    const options = pickOptions('extension', row, '100', index, rows);
    expect(options.slice(0, 5).map((o) => [o.value, o.badge])).toEqual([
      ['1000', 'free'],
      ['1001', 'free'],
      ['1002', '1 of 5 phones'],
      ['1003', '1 of 5 phones'],
      ['1004', 'free'],
    ]);
    expect(pickOptions('extension', row, '101', index, rows).find((o) => o.value === '1010')).toMatchObject({ badge: 'full (5 of 5)', tone: 'bad' });
    expect(pickOptions('extension', row, 'recep', index, [])).toMatchObject([{ value: '0123', detail: 'Reception' }]);
  });

  it('say why a picker is empty', () => {
    const none = indexSnapshot(emptySnapshot());
    expect(emptyPickerReason('extension', row, none)).toContain('not loaded');
    expect(emptyPickerReason('model', { ...row, vendor: '' }, index)).toBe('Pick a vendor first.');
    expect(emptyPickerReason('model', row, index)).toBeNull();
  });
});
