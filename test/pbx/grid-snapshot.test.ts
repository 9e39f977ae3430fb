import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPbxPort } from '../../electron/core/pbx/sync-port';
import type { PbxSnapshot } from '../../shared/domain/pbx-snapshot';
import { COLUMN_INDEX } from '../../shared/grid/columns';
import { GridEditor } from '../../shared/grid/editor';
import { indexSnapshot } from '../../shared/grid/pbx-index';
import { pickOptions } from '../../shared/grid/pickers';
import { queueableRows } from '../../shared/grid/validate';
import { idCounter } from '../support/pbx-fixture';
import { sampleMac } from '../support/rows';
import { type Harness, startHarness } from './harness';

// The grid's checks and fill series against PBX data read from the simulator over real HTTP, through the same
// port the sync engine uses (the UI has no `pbx:snapshot` channel yet; this is the data it will get).
describe('grid against a snapshot read from the PBX simulator', () => {
  let h: Harness;
  let snapshot: PbxSnapshot;
  beforeAll(async () => {
    h = await startHarness();
    const read = await createPbxPort(h.client).readSnapshot([{ vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', method: 'pnp', auth: false }]);
    if (!read.ok) throw new Error(read.trouble.reason);
    snapshot = read.data;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('fills extensions through free ones only, reports a MAC already on the PBX, and queues what is right', () => {
    const taken = snapshot.phones.items.filter((p) => p.extension !== null).map((p) => p.extension!);
    expect(taken.length).toBeGreaterThan(0);
    const first = [...taken].sort()[0]!;
    const onPbx = snapshot.phones.items.find((p) => p.extension === first)!;
    const editor = new GridEditor({ newId: idCounter('n'), snapshot });
    const lines = Array.from({ length: 40 }, (_, i) => [i === 4 ? onPbx.mac.toUpperCase() : sampleMac(0x500 + i), 'yealink', 'sip-t54w', 'YSDP_YealinkT5', 'PnP', 'No', i === 0 ? first : ''].join('\t'));
    editor.paste(lines.join('\r\n'));
    expect(editor.getRows()[0]).toMatchObject({ vendor: 'Yealink', model: 'SIP-T54W', method: 'pnp' });

    editor.select({ anchor: { row: 0, col: COLUMN_INDEX.extension }, focus: { row: 39, col: COLUMN_INDEX.extension } });
    const report = editor.fillSeries();
    const filled = editor.getRows().map((r) => r.extension);
    const withPhones = new Set(taken);
    expect(filled.slice(1).some((n) => withPhones.has(n))).toBe(false);
    expect(filled.slice(1).every((n) => indexSnapshot(snapshot).extensions.has(n))).toBe(true);
    expect(report.message).toMatch(/that already have phones/);

    const validation = editor.getValidation();
    expect(validation.unchecked).toEqual([]);
    const codes = validation.problems.map((p) => [editor.positionOf(p.rowId), p.code]);
    // Row 1 takes an extension that already has a phone (without Shared); row 5's MAC is on the PBX elsewhere.
    expect(codes).toEqual(expect.arrayContaining([[0, 'ext-has-phones'], [4, 'mac-on-pbx']]));
    const name = indexSnapshot(snapshot).extensions.get(first)!.name;
    expect(validation.byRow.get(editor.getRows()[4]!.id)![0]!.message).toContain(`extension ${first} (${name})`);

    // The extension picker shows the PBX's names and how many phones each extension carries.
    expect(pickOptions('extension', editor.getRows()[1], first, indexSnapshot(snapshot), editor.getRows())[0]).toMatchObject({ value: first, detail: name, badge: '2 of 5 phones' });

    editor.select({ anchor: { row: 4, col: 0 }, focus: { row: 4, col: 0 } });
    editor.deleteRows();
    editor.setCell(0, COLUMN_INDEX.shared, 'x');
    expect(queueableRows(editor.getRows(), editor.getValidation())).toHaveLength(39);
  });
});
