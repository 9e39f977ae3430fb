import { describe, expect, it } from 'vitest';
import { emptySnapshot, type PbxSnapshot } from '../../shared/domain/pbx-snapshot';
import { emptyRow } from '../../shared/domain/project';
import { bisect, planChunks } from '../../shared/sync/chunks';
import type { OutboxItem } from '../../shared/sync/outbox';
import { preflight } from '../../shared/sync/preflight';
import { itemFromRow } from '../../shared/sync/queue-ops';
import { sampleMac } from '../support/rows';

function item(n: number, over: Partial<OutboxItem> = {}): OutboxItem {
  const row = { ...emptyRow(`r${n}`), mac: sampleMac(n), extension: String(1000 + n), vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', method: 'rps' as const };
  return { ...itemFromRow(row, '2026-01-01T00:00:00.000Z'), ...over };
}

describe('chunk planning', () => {
  it('groups by vendor, model, template, method and auth flag, then chunks in queue order', () => {
    const items = [
      ...Array.from({ length: 120 }, (_, i) => item(i)),
      ...Array.from({ length: 30 }, (_, i) => item(200 + i, { model: 'SIP-T46U', template: 'YSDP_YealinkT4' })),
      item(300, { auth: true }),
    ];
    const chunks = planChunks(items, 50);
    expect(chunks.map((c) => c.rowIds.length)).toEqual([50, 50, 20, 30, 1]);
    expect(chunks[0]!.rowIds[0]).toBe('r0');
    expect(chunks[2]!.rowIds.at(-1)).toBe('r119');
    expect(chunks[4]!.key.auth).toBe(true);
  });

  it('never exceeds 100 per request and never goes below 1', () => {
    const items = Array.from({ length: 250 }, (_, i) => item(i));
    expect(planChunks(items, 1000).map((c) => c.rowIds.length)).toEqual([100, 100, 50]);
    expect(planChunks(items.slice(0, 2), 0).map((c) => c.rowIds.length)).toEqual([1, 1]);
  });

  it('bisects a rejected chunk into halves, and a single row not at all', () => {
    const [a, b] = bisect({ key: item(0), rowIds: ['1', '2', '3', '4', '5'] })!;
    expect(a.rowIds).toEqual(['1', '2', '3']);
    expect(b.rowIds).toEqual(['4', '5']);
    expect(bisect({ key: item(0), rowIds: ['1'] })).toBeUndefined();
  });
});

describe('pre-flight against the PBX', () => {
  const snapshot = (): PbxSnapshot => {
    const s = emptySnapshot();
    s.compatibility.vendors = [
      { value: 'Yealink', text: 'Yealink', models: [{ value: 'SIP-T54W', text: 'SIP-T54W', templates: ['YSDP_YealinkT5'], methods: ['rps', 'pnp'] }] },
    ];
    s.extensions.items = [1001, 1002, 1003, 1004].map((n) => ({ id: n - 900, number: String(n), name: `User ${n}` }));
    return s;
  };

  it('sends what is new, with the extension id resolved', () => {
    expect(preflight([item(1)], snapshot())).toEqual([{ rowId: 'r1', verdict: 'send', extId: 101 }]);
  });

  it('marks a MAC already on the PBX with the same extension as done, without sending', () => {
    const s = snapshot();
    s.phones.items = [{ id: 7, mac: item(1).mac, vendor: 'Yealink', model: 'SIP-T54W', template: 'YSDP_YealinkT5', extension: '1001', status: 'Registered' }];
    expect(preflight([item(1)], s)).toEqual([{ rowId: 'r1', verdict: 'already-on-pbx', phoneId: 7, registration: 'Registered' }]);
  });

  it('reports a MAC on the PBX with another extension as a conflict naming that extension', () => {
    const s = snapshot();
    s.phones.items = [{ id: 7, mac: item(1).mac.toUpperCase(), vendor: 'Yealink', model: 'SIP-T54W', template: 'x', extension: '1003', status: 'Unregistered' }];
    const [verdict] = preflight([item(1)], s);
    expect(verdict).toMatchObject({ verdict: 'conflict' });
    expect(verdict && 'reason' in verdict ? verdict.reason : '').toContain('extension 1003');
  });

  it('refuses an unknown extension and a combination the PBX does not offer', () => {
    const verdicts = preflight([item(9), item(2, { method: 'dhcp' }), item(3, { template: 'Nope' }), item(4, { vendor: 'Acme' })], snapshot());
    expect(verdicts.map((v) => v.verdict)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(verdicts.map((v) => ('reason' in v ? v.reason : ''))).toEqual([
      expect.stringContaining('Extension 1009 does not exist'),
      expect.stringContaining('method "dhcp"'),
      expect.stringContaining('template "Nope"'),
      expect.stringContaining('vendor "Acme"'),
    ]);
  });

  it('lets an extension carry at most five phones, counting those already on the PBX', () => {
    const s = snapshot();
    s.phones.items = [1, 2, 3].map((i) => ({ id: i, mac: `00:15:65:00:00:0${i}`, vendor: 'Yealink', model: 'SIP-T54W', template: 'x', extension: '1001', status: 'Registered' }));
    const verdicts = preflight([10, 11, 12].map((n) => item(n, { extension: '1001' })), s);
    expect(verdicts.map((v) => v.verdict)).toEqual(['send', 'send', 'conflict']);
  });
});
