import { describe, expect, it } from 'vitest';
import { indexSnapshot } from '../../shared/grid/pbx-index';
import { PBX_DATA_OLD_MS, compareText, pbxMarkFor, pbxMarkText, refreshOffered } from '../../renderer/src/features/discovery/pbx-compare';
import { snapshotFixture } from '../support/pbx-fixture';

describe('discovered devices against the site’s PBX', () => {
  const index = indexSnapshot(snapshotFixture());

  it('marks a MAC the PBX has with its extension and the extension’s name, in any written form', () => {
    expect(pbxMarkFor(index, '80:5e:c0:aa:00:02')).toEqual({ extension: '1002', name: 'User 1002' });
    expect(pbxMarkText(pbxMarkFor(index, '805EC0AA0002')!)).toBe('On the PBX: extension 1002 (User 1002)');
    expect(pbxMarkText(pbxMarkFor(index, '0c:38:3e:aa:00:20')!)).toBe('On the PBX without an extension');
    expect(pbxMarkFor(index, '80:5e:c0:aa:00:03')).toBeNull();
  });

  it('says what the comparison rests on and offers a refresh only when the data is missing or old', () => {
    const cases = [
      { kind: 'no-site' } as const,
      { kind: 'no-pbx', site: 'Acme' } as const,
      { kind: 'no-data', site: 'Acme', pbx: 'Office' } as const,
      { kind: 'cached', site: 'Acme', pbx: 'Office', ageMs: 3 * 60_000 } as const,
      { kind: 'cached', site: 'Acme', pbx: 'Office', ageMs: PBX_DATA_OLD_MS + 60_000 } as const,
    ];
    expect(cases.map((c) => [compareText(c), refreshOffered(c)])).toEqual([
      ['Choose a site to compare these devices with its PBX.', false],
      ['“Acme” has no PBX yet: choose its PBX on the Site screen, or choose a site to compare with its PBX.', false],
      ['No data from the PBX “Office” yet: refresh it to see which devices are already on it.', true],
      ['Compared with the PBX “Office” as of 3 min ago.', false],
      ['Compared with the PBX “Office” as of 16 min ago: phones added on the PBX since are not marked.', true],
    ]);
  });
});
