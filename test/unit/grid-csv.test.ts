import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../../shared/domain/pbx-snapshot';
import { confirmImport, detectMapping, exportCsv, previewCsv, previewImport, readCsv } from '../../shared/grid/csv';
import { repairExtensionCell, repairMacCell, scientificDigits } from '../../shared/grid/damage';
import { indexSnapshot } from '../../shared/grid/pbx-index';
import { idCounter, snapshotFixture, validRow, yealinkMac } from '../support/pbx-fixture';

const snapshot = snapshotFixture();

describe('CSV import', () => {
  it('reads our own format and keeps MACs and extensions as text', () => {
    const text = 'mac,extension,vendor,model,template,method,auth,location,name,serial,rps_pin\r\n' + '805EC0000001,0123,Yealink,SIP-T54W,YSDP_YealinkT5,pnp,0,Front desk,Reception,SN1,\r\n';
    const preview = previewCsv(text, snapshot);
    expect(preview.format).toBe('ours');
    expect(preview.problems).toEqual([]);
    expect(preview.rows).toHaveLength(1);
    expect(preview.rows[0]!.row).toMatchObject({ mac: '80:5e:c0:00:00:01', extension: '0123', location: 'Front desk', serial: 'SN1', source: 'imported', auth: false });
  });

  it('reads the PBX’s phone-import CSV whatever the header case and spacing, with ; as separator', () => {
    const text = 'VENDOR;model;Mac address;Template;Provisioning_Method;Authentication First-time;Assign Extension;RPS PIN;Hot Desking Phone\n' + 'Yealink;SIP-T54W;80-5E-C0-00-00-02;YSDP_YealinkT5;rps;;1001;AB12;0\n' + 'Yealink;SIP-T54W;80:5E:C0:00:00:03;YSDP_YealinkT5;pnp;0;1003;;1\n';
    const preview = previewCsv(text, snapshot);
    expect(preview.format).toBe('pbx');
    expect(preview.file.delimiter).toBe(';');
    expect(preview.rows.map((r) => r.row)).toMatchObject([{ mac: '80:5e:c0:00:00:02', extension: '1001', method: 'rps', auth: true, rpsPin: 'AB12' }]);
    expect(preview.problems).toMatchObject([{ line: 3, severity: 'error', message: expect.stringContaining('hot-desking') as string }]);
    expect(preview.refusedLines).toBe(1);
  });

  it('refuses 8.05E+11-style MACs whose digits are lost, and explains how to re-export', () => {
    const preview = previewCsv('mac,extension\n8.05E+11,1001\n805EC0000004,1003\n', snapshot);
    expect(preview.rows).toHaveLength(1);
    expect(preview.problems[0]).toMatchObject({ line: 2, severity: 'error' });
    expect(preview.problems[0]!.message).toMatch(/spreadsheet turned this MAC into a number \(8\.05E\+11\) and digits were lost: re-export with the column formatted as text/);
  });

  it('repairs damage only when the original is certain', () => {
    // All 12 digits survive in scientific notation.
    expect(repairMacCell('8.05123456789E+11')).toMatchObject({ kind: 'repaired', value: '80:51:23:45:67:89' });
    // Leading zeros dropped from an all-digit Yealink MAC (00:15:65 is Yealink's): put back.
    expect(repairMacCell('1565123456')).toMatchObject({ kind: 'repaired', value: '00:15:65:12:34:56' });
    // Ten digits that are no phone vendor's MAC once padded: refused, not guessed.
    expect(repairMacCell('1234567890')).toMatchObject({ kind: 'refused' });
    // Excel's keep-as-text formula is unwrapped; any other formula is refused.
    expect(repairMacCell('="805EC0000005"')).toMatchObject({ kind: 'repaired', value: '805EC0000005' });
    expect(repairMacCell('=A1&B1')).toMatchObject({ kind: 'refused' });
    // A 10-character hex "MAC" cannot be repaired: that is for the parser to reject.
    expect(repairMacCell('5EC0123456')).toEqual({ kind: 'none', value: '5EC0123456' });
    expect(scientificDigits('1.001E+3')).toEqual({ digits: '1001', exact: true });
    expect(scientificDigits('1E+3')).toEqual({ digits: '1000', exact: false });
  });

  it('puts back a leading zero an extension lost, by asking the PBX’s list', () => {
    const index = indexSnapshot(snapshot);
    expect(repairExtensionCell('123', index)).toMatchObject({ kind: 'repaired', value: '0123', message: expect.stringContaining('PBX has 0123') as string });
    expect(repairExtensionCell('1001', index)).toEqual({ kind: 'none', value: '1001' });
    expect(repairExtensionCell('1001.0', index)).toMatchObject({ kind: 'repaired', value: '1001' });
    expect(repairExtensionCell('1.2E+5', index)).toMatchObject({ kind: 'refused' });
    const preview = previewCsv('mac,extension\n805EC0000006,123\n', snapshot);
    expect(preview.rows[0]!.row.extension).toBe('0123');
    expect(preview.problems).toMatchObject([{ line: 2, severity: 'repaired' }]);
  });

  it('without PBX data, warns when an extension looks shorter than the file’s zero-padded ones', () => {
    const preview = previewCsv('mac,extension\n805EC0000007,0101\n805EC0000008,102\n', emptySnapshot());
    expect(preview.rows).toHaveLength(2);
    expect(preview.problems).toMatchObject([{ line: 3, severity: 'warning', message: expect.stringContaining('leading zero') as string }]);
  });

  it('warns when the file’s extension name differs from the PBX’s (rows shifted)', () => {
    const preview = previewCsv('mac,extension,name\n805EC0000009,1001,Somebody Else\n', snapshot);
    expect(preview.problems).toMatchObject([{ line: 2, severity: 'warning', message: expect.stringContaining('User 1001') as string }]);
  });

  it('reports each malformed line and imports nothing until confirmed', () => {
    const text = ['mac,extension,location', '805EC000000A,1001,Desk 1', '805EC000000B,1003,Desk 2, left', '805EC000000C,1004,"Desk "3"', '805EC000000D,1011', '805EC000000E,1012,"Desk 5'].join('\r\n');
    const preview = previewCsv(text, snapshot);
    expect(preview.rows.map((r) => r.line)).toEqual([2]);
    expect(preview.problems.map((p) => [p.line, p.severity])).toEqual([[3, 'error'], [4, 'error'], [5, 'error'], [6, 'error']]);
    expect(preview.problems[0]!.message).toMatch(/Line 3 has 4 fields but the header has 3/);
    expect(preview.problems[1]!.message).toMatch(/quotes are malformed/);
    expect(preview.problems[3]!.message).toMatch(/never closed/);
    // The preview is only a description: rows exist once the technician confirms.
    const rows = confirmImport(preview, idCounter('imp'));
    expect(rows).toMatchObject([{ id: 'imp1', mac: '80:5e:c0:00:00:0a', location: 'Desk 1' }]);
  });

  it('maps a headerless file by its contents, and lets the mapping be changed', () => {
    const file = readCsv('805EC000000F\t1001\tDesk\n805EC0000010\t1003\tDesk\n');
    expect(file.hasHeader).toBe(false);
    const { mapping } = detectMapping(file);
    expect(mapping).toEqual(['mac', 'extension', null]);
    const preview = previewImport(file, ['mac', 'extension', 'location'], snapshot);
    expect(preview.rows[1]!.row.location).toBe('Desk');
    expect(previewImport(file, [null, null, 'location'], snapshot).mappingProblems).toEqual(['Map at least one column to MAC or Extension.']);
  });

  it('refuses formulas in text columns (CSV injection) and reads back its own guarded text', () => {
    const preview = previewCsv("mac,extension,location\n805EC0000011,1001,=HYPERLINK(\"x\")\n805EC0000012,1003,'=Lobby\n", snapshot);
    expect(preview.problems).toMatchObject([{ line: 2, severity: 'error' }]);
    expect(preview.rows[0]!.row.location).toBe('=Lobby');
  });
});

describe('CSV export', () => {
  const rows = [
    validRow('a', yealinkMac(1), '0123', { location: '=Lobby', rpsPin: 'PIN1', auth: true, method: 'rps' }),
    validRow('b', '805EC0000002', '1001', { location: 'Desk, left' }),
    { ...validRow('c', '', ''), vendor: '', model: '', template: '', method: '' as const },
  ];

  it('writes our format with colon MACs, quoted identifiers and a guard against formulas', () => {
    const text = exportCsv(rows, 'ours', snapshot);
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('mac,extension,vendor,model,template,method,auth,location,name,serial,rps_pin,shared');
    expect(lines[1]).toBe(`"80:5e:c0:00:00:01","0123",Yealink,SIP-T54W,YSDP_YealinkT5,rps,1,'=Lobby,Reception,,PIN1,0`);
    expect(lines[2]).toBe('"80:5e:c0:00:00:02","1001",Yealink,SIP-T54W,YSDP_YealinkT5,pnp,0,"Desk, left",User 1001,,,0');
    expect(lines).toHaveLength(4);
    expect(text.startsWith('\uFEFF')).toBe(true);
  });

  it('writes the PBX’s import format, upper-case colon MACs', () => {
    const lines = exportCsv(rows, 'pbx', snapshot).split('\r\n');
    expect(lines[0]).toBe('Vendor,Model,MAC Address,Template,Provisioning Method,Authentication First-time,Assign Extension,RPS PIN');
    expect(lines[1]).toBe('Yealink,SIP-T54W,"80:5E:C0:00:00:01",YSDP_YealinkT5,rps,1,"0123",PIN1');
  });

  it('round-trips both formats through import', () => {
    for (const format of ['ours', 'pbx'] as const) {
      const preview = previewCsv(exportCsv(rows, format, snapshot), snapshot);
      expect(preview.problems).toEqual([]);
      const back = preview.rows.map((r) => [r.row.mac, r.row.extension, r.row.vendor, r.row.model, r.row.template, r.row.method, r.row.auth]);
      expect(back).toEqual(rows.slice(0, 2).map((r) => [r.mac === '805EC0000002' ? '80:5e:c0:00:00:02' : r.mac, r.extension, r.vendor, r.model, r.template, r.method, r.auth]));
    }
  });
});
