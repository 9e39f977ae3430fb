import { describe, expect, it } from 'vitest';
import type { DiscoveredDevice } from '../../shared/contract';
import { addDevicesToRows, macsInRows } from '../../shared/domain/discovered-rows';
import { emptyRow } from '../../shared/domain/project';

function device(mac: string, extra: Partial<DiscoveredDevice> = {}): DiscoveredDevice {
  return { mac, ip: '10.0.0.9', vendor: 'Yealink', isPhone: true, model: 'T54W', firmware: '96.86.0.70', source: 'both', firstSeen: 't', lastSeen: 't', ...extra };
}

function ids(): () => string {
  let n = 0;
  return () => `new-${++n}`;
}

describe('addDevicesToRows', () => {
  it('adds one discovered row per new MAC with vendor and model pre-filled', () => {
    const outcome = addDevicesToRows([], [device('80:5e:c0:00:00:01'), device('0c:38:3e:00:00:02', { vendor: 'Fanvil', model: null })], ids());
    expect(outcome).toMatchObject({ added: 2, alreadyThere: 0 });
    expect(outcome.rows).toEqual([
      { ...emptyRow('new-1', 'discovered'), mac: '80:5e:c0:00:00:01', vendor: 'Yealink', model: 'T54W', seenOnNetwork: true },
      { ...emptyRow('new-2', 'discovered'), mac: '0c:38:3e:00:00:02', vendor: 'Fanvil', model: '', seenOnNetwork: true },
    ]);
  });

  it('recognises MACs the project already has in any written form and leaves those rows alone (the core marks them)', () => {
    const typed = { ...emptyRow('r1', 'scanned-wedge'), mac: '805EC0000001', extension: '1001', model: 'SIP-T54W' };
    const outcome = addDevicesToRows([typed], [device('80:5e:c0:00:00:01'), device('80:5e:c0:00:00:02'), device('80:5e:c0:00:00:01')], ids());
    expect(outcome).toMatchObject({ added: 1, alreadyThere: 1 });
    expect(outcome.rows[0]).toBe(typed);
    expect(outcome.rows[1]?.mac).toBe('80:5e:c0:00:00:02');
    expect(outcome.rows).toHaveLength(2);
  });

  it('adds nothing the second time, and never the same MAC twice', () => {
    const first = addDevicesToRows([], [device('80:5e:c0:00:00:01'), device('80:5e:c0:00:00:01')], ids());
    expect(first.added).toBe(1);
    const again = addDevicesToRows(first.rows, [device('80:5e:c0:00:00:01')], ids());
    expect(again).toMatchObject({ added: 0, alreadyThere: 1 });
    expect(again.rows).toEqual(first.rows);
  });

  it('lists the MACs of a project, ignoring rows whose MAC does not parse', () => {
    const rows = [{ ...emptyRow('a'), mac: '80-5E-C0-00-00-01' }, { ...emptyRow('b'), mac: 'not yet' }, emptyRow('c')];
    expect([...macsInRows(rows)]).toEqual(['805ec0000001']);
  });
});
