import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../../shared/domain/pbx-snapshot';
import { type Row, emptyRow } from '../../shared/domain/project';
import { COLUMN_INDEX } from '../../shared/grid/columns';
import { GridEditor } from '../../shared/grid/editor';
import { idCounter, snapshotFixture, validRow, yealinkMac } from '../support/pbx-fixture';

const C = COLUMN_INDEX;
const editorWith = (rows: Row[] = [], snapshot = snapshotFixture()) => new GridEditor({ newId: idCounter('n'), rows, snapshot });
const blankRows = (n: number): Row[] => Array.from({ length: n }, (_, i) => emptyRow(`b${i}`));
const column = (e: GridEditor, key: keyof typeof C) => Array.from({ length: e.rowCount }, (_, r) => e.cellText(r, C[key]));
const select = (e: GridEditor, top: number, left: number, bottom = top, right = left) => e.select({ anchor: { row: top, col: left }, focus: { row: bottom, col: right } });

describe('paste', () => {
  it('lands a block at the selection, appends rows past the end, canonicalises MACs, and is one undo step', () => {
    const e = editorWith(blankRows(2));
    select(e, 0, C.mac);
    const report = e.paste('805EC0000001\tyealink\r\n80-5E-C0-00-00-02\tYEALINK\r\n805ec0.000003\tYealink\r\n');
    expect(column(e, 'mac')).toEqual(['80:5e:c0:00:00:01', '80:5e:c0:00:00:02', '80:5e:c0:00:00:03']);
    expect(column(e, 'vendor')).toEqual(['Yealink', 'Yealink', 'Yealink']);
    expect(e.getRows()[2]!.source).toBe('pasted');
    expect(report.message).toContain('added 1 row');
    expect(e.getSelection()).toEqual({ anchor: { row: 2, col: C.vendor }, focus: { row: 0, col: C.mac } });
    e.undo();
    expect(e.rowCount).toBe(2);
    expect(column(e, 'mac')).toEqual(['', '']);
    e.redo();
    expect(column(e, 'mac')[2]).toBe('80:5e:c0:00:00:03');
  });

  it('fills a multi-cell selection with one pasted value', () => {
    const e = editorWith(blankRows(4));
    select(e, 0, C.location, 3);
    e.paste('Floor 2\r\n');
    expect(column(e, 'location')).toEqual(['Floor 2', 'Floor 2', 'Floor 2', 'Floor 2']);
  });

  it('skips a header line, read-only columns and columns past the last, and lists refused cells', () => {
    const e = editorWith(blankRows(1));
    select(e, 0, C.method);
    const report = e.paste('Method\tAuth 1st\tExt.\tExt. name\r\nsmoke signals\tyes\t1001\tWhoever\r\n');
    expect(e.cellText(0, C.auth)).toBe('Yes');
    expect(e.cellText(0, C.extension)).toBe('1001');
    expect(e.cellText(0, C.extName)).toBe('User 1001');
    expect(e.cellText(0, C.method)).toBe('');
    expect(report.rejected).toEqual([{ row: 0, col: C.method, reason: expect.stringContaining('not a provisioning method') as string }]);
    expect(report.message).toMatch(/skipped the header line.*1 read-only cell/);
    select(e, 0, C.message);
    expect(e.paste('a\tb\tc\r\n').message).toContain('dropped 2 columns');
  });

  it('never changes rows the queue owns', () => {
    const e = editorWith([validRow('q', yealinkMac(1), '1001', { status: 'queued' })]);
    select(e, 0, C.location);
    const report = e.paste('Desk 1');
    expect(e.cellText(0, C.location)).toBe('');
    expect(report.rejected[0]!.reason).toContain('queued');
  });

  it('copies the selection as Excel TSV and cut clears it in one step', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '1001', { location: 'Desk "A"\nleft' }), validRow('b', yealinkMac(2), '1003')]);
    select(e, 0, C.extension, 1, C.location);
    expect(e.copy()).toBe('1001\tUser 1001\t\t"Desk ""A""\nleft"\r\n1003\tUser 1003\t\t\r\n');
    const { text } = e.cut();
    expect(text).toContain('1003');
    expect(column(e, 'extension')).toEqual(['', '']);
    e.undo();
    expect(column(e, 'extension')).toEqual(['1001', '1003']);
  });

  it('pastes 5 000 rows into an empty grid fast', () => {
    const e = editorWith([emptyRow('first')]);
    const text = Array.from({ length: 5000 }, (_, i) => `${yealinkMac(i + 1)}\tYealink\tSIP-T54W\tYSDP_YealinkT5\tpnp\tNo\t${2000 + i}`).join('\r\n');
    const t0 = performance.now();
    e.paste(text);
    const ms = performance.now() - t0;
    console.log(`paste 5000 rows: ${ms.toFixed(1)} ms`);
    expect(e.rowCount).toBe(5000);
    expect(ms).toBeLessThan(1000);
  });
});

describe('fill', () => {
  it('Ctrl+D copies the top row down; on one row it copies the row above', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '1001'), emptyRow('b'), emptyRow('c')]);
    select(e, 0, C.vendor, 2, C.method);
    e.fillDown();
    expect(column(e, 'model')).toEqual(['SIP-T54W', 'SIP-T54W', 'SIP-T54W']);
    e.undo();
    select(e, 1, C.template);
    e.fillDown();
    expect(column(e, 'template')).toEqual(['YSDP_YealinkT5', 'YSDP_YealinkT5', '']);
  });

  it('fill series counts extensions up through free PBX extensions only', () => {
    // 1002 has a phone, 1005–1009 do not exist, 1010 has five phones, 1012 is used by another row.
    const rows = [validRow('a', yealinkMac(1), '1000'), ...Array.from({ length: 6 }, (_, i) => validRow(`t${i}`, yealinkMac(i + 2), '')), validRow('z', yealinkMac(9), '1012')];
    const e = editorWith(rows);
    select(e, 0, C.extension, 6);
    const report = e.fillSeries();
    expect(column(e, 'extension').slice(0, 7)).toEqual(['1000', '1001', '1003', '1004', '1011', '1013', '1014']);
    expect(report.message).toContain('Filled 6 extensions 1001–1014');
    expect(report.message).toMatch(/2 that already have phones, 1 used elsewhere in this project, 5 that do not exist on the PBX/);
    e.undo();
    expect(column(e, 'extension').slice(1, 7)).toEqual(['', '', '', '', '', '']);
  });

  it('without PBX data, counts up plainly keeping the width, and says so', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '0098'), validRow('b', yealinkMac(2), ''), validRow('c', yealinkMac(3), ''), validRow('d', yealinkMac(4), '')], emptySnapshot());
    select(e, 0, C.extension, 3);
    const report = e.fillSeries();
    expect(column(e, 'extension')).toEqual(['0098', '0099', '0100', '0101']);
    expect(report.message).toContain('not loaded');
  });

  it('counts up text with a number and refuses to make a MAC series', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '1001', { location: 'Desk 9' }), validRow('b', yealinkMac(2), ''), validRow('c', yealinkMac(3), '')]);
    select(e, 0, C.mac, 2, C.location);
    const report = e.fillSeries();
    expect(column(e, 'location')).toEqual(['Desk 9', 'Desk 10', 'Desk 11']);
    expect(column(e, 'mac')).toEqual([yealinkMac(1), yealinkMac(2), yealinkMac(3)]);
    expect(report.message).toContain('MACs are not a series');
  });

  it('reports when the PBX runs out of free extensions', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '1198'), validRow('b', yealinkMac(2), ''), validRow('c', yealinkMac(3), '')]);
    select(e, 0, C.extension, 2);
    const report = e.fillSeries();
    expect(column(e, 'extension')).toEqual(['1198', '1199', '']);
    expect(report.message).toContain('1 cell was left');
  });
});

describe('rows, bulk edits and views', () => {
  it('bulk-sets vendor/model/template/method on the selected rows', () => {
    const e = editorWith([emptyRow('a'), { ...emptyRow('b'), mac: yealinkMac(2) }, { ...emptyRow('c'), mac: yealinkMac(3) }]);
    select(e, 0, 0, 2, 0);
    const report = e.bulkSet({ vendor: 'yealink', model: 'sip-t31p', template: 'YSDP_YealinkT3', method: 'PnP' });
    expect(column(e, 'model')).toEqual(['', 'SIP-T31P', 'SIP-T31P']);
    expect(column(e, 'method')).toEqual(['', 'pnp', 'pnp']);
    expect(report.message).toContain('2 rows');
    e.undo();
    expect(column(e, 'model')).toEqual(['', '', '']);
  });

  it('inserts and deletes rows as single undo steps', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '1001'), validRow('b', yealinkMac(2), '1003'), validRow('c', yealinkMac(3), '1004')]);
    select(e, 1, 0, 2, 0);
    e.insertRows('above');
    expect(e.getRows().map((r) => r.id)).toEqual(['a', 'n1', 'n2', 'b', 'c']);
    e.undo();
    select(e, 0, 0);
    e.select({ anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } });
    e.deleteRows();
    select(e, 1, 0);
    e.deleteRows();
    expect(e.getRows().map((r) => r.id)).toEqual(['b']);
    e.undo();
    e.undo();
    expect(e.getRows().map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps queued rows when deleting and says why', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '1001', { status: 'queued' }), validRow('b', yealinkMac(2), '1003')]);
    select(e, 0, 0, 1, 0);
    const report = e.deleteRows();
    expect(e.getRows().map((r) => r.id)).toEqual(['a']);
    expect(report.message).toContain('take it out of the queue');
  });

  it('sorts and filters as views without reordering the stored rows, and edits do not move rows', () => {
    const rows = [validRow('a', yealinkMac(1), '1004'), validRow('b', 'bad', '1001'), validRow('c', yealinkMac(3), '1003', { vendor: 'Fanvil' })];
    const e = editorWith(rows);
    e.setViewSpec({ sort: { column: 'extension', direction: 'asc' }, statuses: [], vendors: [], problemsOnly: false });
    expect(e.getView()).toEqual(['b', 'c', 'a']);
    expect(e.getRows().map((r) => r.id)).toEqual(['a', 'b', 'c']);
    e.setCell(0, C.extension, '1199');
    expect(e.getView()).toEqual(['b', 'c', 'a']);
    e.setViewSpec({ sort: null, statuses: [], vendors: [], problemsOnly: true });
    expect(e.getView()).toEqual(['b', 'c']);
    e.setCell(0, C.mac, yealinkMac(2));
    expect(e.getView()).toEqual(['b', 'c']);
    e.setViewSpec({ sort: null, statuses: [], vendors: ['fanvil'], problemsOnly: false });
    expect(e.getView()).toEqual(['c']);
    // Pasting past the end of a filtered view appends to the stored rows and shows the new rows.
    select(e, 1, C.mac);
    e.paste(yealinkMac(7));
    expect(e.getView()).toEqual(['c', 'n1']);
    expect(e.getRows().map((r) => r.id)).toEqual(['a', 'b', 'c', 'n1']);
  });
});

describe('undo history', () => {
  it('undoes every kind of edit in order and redoes them', () => {
    const e = editorWith(blankRows(3));
    select(e, 0, C.extension);
    e.setCell(0, C.extension, '1001');
    select(e, 0, C.extension, 2);
    e.fillSeries();
    e.clear();
    const states: string[][] = [];
    for (;;) {
      states.push(column(e, 'extension'));
      if (!e.historyState().canUndo) break;
      e.undo();
    }
    expect(states).toEqual([['', '', ''], ['1001', '1003', '1004'], ['1001', '', ''], ['', '', '']]);
    e.redo();
    e.redo();
    e.redo();
    expect(column(e, 'extension')).toEqual(['', '', '']);
    expect(e.historyState().canRedo).toBe(false);
  });

  it('undo leaves alone rows the queue locked in the meantime and keeps the queue’s status', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '1001')]);
    e.setCell(0, C.location, 'Desk 1');
    e.applyExternal([{ ...e.getRows()[0]!, status: 'queued' }]);
    const report = e.undo();
    expect(e.getRows()[0]).toMatchObject({ location: 'Desk 1', status: 'queued' });
    expect(report.message).toContain('left as it is');
  });

  it('editing a failed row leaves its state to the queue; undo restores the edit only', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '1001', { status: 'failed', message: 'PBX said no' })]);
    e.setCell(0, C.extension, '1003');
    expect(e.getRows()[0]).toMatchObject({ status: 'failed', message: 'PBX said no', extension: '1003' });
    e.undo();
    expect(e.getRows()[0]).toMatchObject({ status: 'failed', extension: '1001' });
  });

  it('rewrites names typed before the PBX data was loaded as the PBX spells them', () => {
    const e = editorWith([validRow('a', yealinkMac(1), '1001', { vendor: 'yealink', model: 'sip-t54w', template: 'ysdp_yealinkt5' })]);
    expect(e.getValidation().problems.map((p) => p.code)).toEqual(['pbx-spelling']);
    e.usePbxNames();
    expect(e.getRows()[0]).toMatchObject({ vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5' });
    expect(e.getValidation().problems).toEqual([]);
  });

  it('keeps memory bounded: old steps go first, the newest always stays', () => {
    const e = new GridEditor({ newId: idCounter(), rows: blankRows(10), snapshot: snapshotFixture(), historyLimits: { maxSteps: 3, maxCost: 25 } });
    for (let i = 0; i < 5; i += 1) e.setCell(0, C.location, `v${i}`);
    let undos = 0;
    while (e.historyState().canUndo) {
      e.undo();
      undos += 1;
    }
    expect(undos).toBe(3);
    expect(e.cellText(0, C.location)).toBe('v1');
  });
});
