import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistrantNames } from '../../electron/core/oui/oui-data';
import { PHONE_VENDOR_RULES, renderPhoneOuiTable, selectPhoneOuis } from '../../electron/tools/generate-oui-table';
import { tempDir } from '../support/temp';

const COMMITTED = 'shared/domain/oui-table.generated.ts';
const registry = loadRegistrantNames();
const dir = tempDir();
afterAll(() => dir.cleanup());

describe('the phone-vendor OUI table generator', () => {
  it('reproduces the committed table byte for byte (a stale table after an oui-data update fails here)', () => {
    const out = join(dir.path, 'oui-table.ts');
    execFileSync(process.execPath, ['--import', 'tsx', 'electron/tools/generate-oui-table.ts', '--out', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(COMMITTED, 'utf8'));
  });

  it('selects by registrant name only: no Cisco, no consumer Panasonic, no look-alike names', () => {
    const entries = selectPhoneOuis(registry);
    const names = new Set(entries.map((e) => e.registrant));
    expect([...names].filter((n) => /cisco|avaya|plantronics/i.test(n))).toEqual([]);
    expect([...names].filter((n) => /panasonic/i.test(n)).sort()).toEqual(['Panasonic Communications Co., Ltd.', 'Panasonic Connect Co., Ltd.']);
    // Names that merely contain a vendor's letters must not match.
    expect([...names].some((n) => /ARMITEL|Polytech|Polytron|UHTEK/i.test(n))).toBe(false);
    // Every selected prefix really is that registrant's block in the registry.
    for (const e of entries) expect(registry.get(e.prefix)).toBe(e.registrant);
  });

  it('fails loudly when a vendor no longer matches any registrant (renamed in the registry)', () => {
    const renamed = new Map([...registry].filter(([, name]) => !/hanlong/i.test(name)));
    expect(() => selectPhoneOuis(renamed)).toThrow(/Htek/);
  });

  it('renders deterministically, whatever order the registry lists blocks in', () => {
    const shuffled = new Map([...registry].reverse());
    expect(renderPhoneOuiTable(selectPhoneOuis(shuffled), 'x')).toBe(renderPhoneOuiTable(selectPhoneOuis(registry), 'x'));
    expect(PHONE_VENDOR_RULES.length).toBe(16);
  });
});
