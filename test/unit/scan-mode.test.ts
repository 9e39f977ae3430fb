import { describe, expect, it } from 'vitest';
import { classifyBarcode } from '../../shared/domain/barcode';
import { type Row, emptyRow } from '../../shared/domain/project';
import { COLUMN_INDEX } from '../../shared/grid/columns';
import { GridEditor } from '../../shared/grid/editor';
import { type PlacedScan, type Placement, type ScanMode, placeScan, undoScan } from '../../shared/scanner/scan-commands';
import { type ScanStep, ScanWorkflow } from '../../shared/scanner/scan-workflow';

/** 48 pre-planned rows: extension 101…148, no MAC yet. */
function plannedRows(count = 48, vary: (i: number) => Partial<Row> = () => ({})): Row[] {
  return Array.from({ length: count }, (_, i) => ({ ...emptyRow(`r${i}`), extension: String(101 + i), ...vary(i) }));
}

function editorWith(rows: Row[]): GridEditor {
  let n = 0;
  return new GridEditor({ newId: () => `new-${(n += 1)}`, rows });
}

const nameRow = (editor: GridEditor) => (row: Row) => `row ${editor.positionOf(row.id) + 1}${row.extension ? ` (extension ${row.extension})` : ''}`;

/** What scan mode does with one raw scan: judge it, and place it when accepted. */
function scan(editor: GridEditor, flow: ScanWorkflow, raw: string, mode: ScanMode = 'fill', twice = false): { step: ScanStep; placement?: Placement } {
  const step = flow.receive({ raw, classification: classifyBarcode(raw), source: 'scanned-wedge' }, editor.getRows(), nameRow(editor), twice);
  if (step.outcome !== 'accepted') return { step };
  let placement: Placement | undefined;
  editor.apply((ctx) => {
    placement = placeScan(ctx, mode, step.scan);
    return placement.ok ? placement.command : { label: 'scan', ops: [], report: { changed: 0, message: placement.reason, rejected: [] } };
  });
  return { step, placement };
}

const selectRows = (editor: GridEditor, top: number, bottom: number): void =>
  editor.select({ anchor: { row: top, col: COLUMN_INDEX.mac }, focus: { row: bottom, col: COLUMN_INDEX.extension } });

describe('scan mode', () => {
  it('fills the MAC column of the selected rows top-down, with the maker and the scan as the source, one undo step each', () => {
    const editor = editorWith(plannedRows(4, (i) => (i === 1 ? { mac: '00:04:13:00:00:01' } : {})));
    selectRows(editor, 0, 3);
    const flow = new ScanWorkflow();
    for (const raw of ['805EC0000001', 'C074AD000002', '0C383E000003']) expect(scan(editor, flow, raw).step.outcome).toBe('accepted');
    const rows = editor.getRows();
    expect(rows.map((r) => r.mac)).toEqual(['80:5e:c0:00:00:01', '00:04:13:00:00:01', 'c0:74:ad:00:00:02', '0c:38:3e:00:00:03']);
    expect(rows.map((r) => r.vendor)).toEqual(['Yealink', '', 'Grandstream', 'Fanvil']);
    expect(rows[0]?.source).toBe('scanned-wedge');
    expect(rows[1]?.source).toBe('typed');
    // All rows of the selection are full now: the next MAC is refused, and nothing changes.
    const full = scan(editor, flow, '805EC0000009');
    expect(full.placement).toEqual({ ok: false, reason: expect.stringContaining('Every selected row has a MAC') as unknown });
    editor.undo();
    expect(editor.getRows()[3]?.mac).toBe('');
  });

  it('with one row selected, fills it and moves down, skipping rows that have a MAC or are queued', () => {
    const editor = editorWith(plannedRows(5, (i) => (i === 1 ? { mac: '80:5e:c0:00:00:99' } : i === 2 ? { status: 'queued' } : {})));
    editor.select({ anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } });
    const flow = new ScanWorkflow();
    scan(editor, flow, '805EC0000001');
    expect(editor.getSelection().focus.row).toBe(1);
    scan(editor, flow, '805EC0000002');
    expect(editor.getRows().map((r) => r.mac)).toEqual(['80:5e:c0:00:00:01', '80:5e:c0:00:00:99', '', '80:5e:c0:00:00:02', '']);
  });

  it('appends a row per MAC in append mode', () => {
    const editor = editorWith(plannedRows(2));
    const flow = new ScanWorkflow();
    const { placement } = scan(editor, flow, '805EC0000001', 'append');
    expect(placement?.ok && placement.note).toBe('new row 3');
    expect(editor.getRows()[2]).toMatchObject({ mac: '80:5e:c0:00:00:01', vendor: 'Yealink', source: 'scanned-wedge' });
    expect(editor.getSelection().focus).toEqual({ row: 2, col: COLUMN_INDEX.mac });
  });

  it('refuses a serial number with the reason, and a MAC already in the project naming its row', () => {
    const editor = editorWith(plannedRows(3, (i) => (i === 2 ? { mac: '80:5e:c0:00:00:07' } : {})));
    selectRows(editor, 0, 1);
    const flow = new ScanWorkflow();
    const serial = scan(editor, flow, '20180412345678').step;
    expect(serial).toMatchObject({ outcome: 'rejected', message: expect.stringMatching(/serial number/) as unknown });
    const dup = scan(editor, flow, '80-5E-C0-00-00-07').step;
    expect(dup).toEqual({ outcome: 'duplicate', mac: '80:5e:c0:00:00:07', rowId: 'r2', message: '80:5e:c0:00:00:07 is already in row 3 (extension 103): this box was scanned before.' });
    expect(editor.getRows().map((r) => r.mac)).toEqual(['', '', '80:5e:c0:00:00:07']);
    expect(editor.historyState().canUndo).toBe(false);
  });

  it('asks once to confirm a MAC of a maker that is not a phone maker: scanning it again, or "Use it", accepts it', () => {
    const editor = editorWith(plannedRows(3));
    selectRows(editor, 0, 2);
    const flow = new ScanWorkflow();
    const first = scan(editor, flow, '3C5AB4A1B2C3').step;
    expect(first.outcome).toBe('needs-confirmation');
    expect(flow.waiting).toEqual({ mac: '3c:5a:b4:a1:b2:c3', why: 'unknown-maker', source: 'scanned-wedge' });
    expect(scan(editor, flow, '3C5AB4A1B2C3').step.outcome).toBe('accepted');
    expect(editor.getRows()[0]).toMatchObject({ mac: '3c:5a:b4:a1:b2:c3', vendor: '' });

    expect(scan(editor, flow, '3C5AB4A1B2C4').step.outcome).toBe('needs-confirmation');
    expect(flow.confirm(editor.getRows(), nameRow(editor))).toMatchObject({ outcome: 'accepted', scan: { mac: '3c:5a:b4:a1:b2:c4' } });
    expect(flow.confirm(editor.getRows(), nameRow(editor))).toBeUndefined();
  });

  it('with "scan twice to confirm", uses a MAC only when the same barcode is read twice in a row', () => {
    const editor = editorWith(plannedRows(2));
    selectRows(editor, 0, 1);
    const flow = new ScanWorkflow();
    expect(scan(editor, flow, '805EC0000001', 'fill', true).step.outcome).toBe('needs-confirmation');
    const other = scan(editor, flow, '805EC0000002', 'fill', true).step;
    expect(other.outcome).toBe('needs-confirmation');
    expect(other.outcome === 'needs-confirmation' && other.message).toContain('80:5e:c0:00:00:01, scanned before, was not used');
    expect(scan(editor, flow, '805ec0000002', 'fill', true).step.outcome).toBe('accepted');
    expect(editor.getRows().map((r) => r.mac)).toEqual(['80:5e:c0:00:00:02', '']);
  });

  it('keeps a planned vendor and says when the MAC is another maker', () => {
    const editor = editorWith(plannedRows(1, () => ({ vendor: 'Yealink' })));
    const { placement } = scan(editor, new ScanWorkflow(), '0C383E000003');
    expect(placement?.ok && placement.note).toBe('row 1, extension 101 (the row says Yealink; this MAC is a Fanvil)');
    expect(editor.getRows()[0]?.vendor).toBe('Yealink');
  });

  it('takes the last scan back: a filled cell gets its old value, an added row goes, a changed row is left alone', () => {
    const editor = editorWith(plannedRows(2));
    selectRows(editor, 0, 1);
    const flow = new ScanWorkflow();
    const fill = scan(editor, flow, '805EC0000001').placement;
    const add = scan(editor, flow, '805EC0000002', 'append').placement;
    const undo = (placed: PlacedScan | undefined): Placement | undefined => {
      let out: Placement | undefined;
      editor.apply((ctx) => {
        out = undoScan(ctx, placed!);
        return out.ok ? out.command : { label: 'undo scan', ops: [], report: { changed: 0, message: out.reason, rejected: [] } };
      });
      return out;
    };
    expect(undo(add?.ok ? add.placed : undefined)?.ok).toBe(true);
    expect(editor.getRows()).toHaveLength(2);
    expect(undo(fill?.ok ? fill.placed : undefined)?.ok).toBe(true);
    expect(editor.getRows()[0]).toMatchObject({ mac: '', source: 'typed' });
    // A row whose MAC was retyped since is not touched.
    selectRows(editor, 0, 1);
    const again = scan(editor, flow, '805EC0000003').placement;
    editor.setCell(0, COLUMN_INDEX.mac, '80:5e:c0:00:00:04');
    expect(undo(again?.ok ? again.placed : undefined)).toEqual({ ok: false, reason: expect.stringContaining('has changed since') as unknown });
    expect(editor.getRows()[0]?.mac).toBe('80:5e:c0:00:00:04');
  });
});
