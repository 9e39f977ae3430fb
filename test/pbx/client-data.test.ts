import { afterEach, describe, expect, it } from 'vitest';
import { defaultCompatibility, generateExtensions, generatePhones, type SimExtension } from '../pbx-sim';
import { type Harness, startHarness } from './harness';

const ext = (id: number, number: string, name = `Person ${number}`): SimExtension => ({
  id, number, caller_id_name: name, email_addr: '', mobile_number: '', role_name: 'Employee', presence_status: 'available',
});

describe('PBX client: reading extensions, phones and compatibility', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('pages through 1,200 extensions and 1,100 phones even when the PBX caps page_size below what was asked', async () => {
    const extensions = generateExtensions(1_200, 1000, 1);
    const phones = generatePhones(1_100, extensions, { perExtension: 1 });
    h = await startHarness({ seed: { extensions, phones, compatibility: defaultCompatibility() }, maxPageSize: 50 }, { pageSize: 200 });
    const readExtensions = await h.client.listExtensions();
    expect(readExtensions).toHaveLength(1_200);
    expect(new Set(readExtensions.map((e) => e.number)).size).toBe(1_200);
    expect(h.sim.count('extension/list')).toBe(24);
    const readPhones = await h.client.listPhones();
    expect(readPhones).toHaveLength(1_100);
    expect(readPhones.find((p) => p.id === 1)).toMatchObject({ extension: '1000', vendor: 'Yealink' });
  });

  it('asks for big pages, and falls back to 100 once when the PBX refuses the size instead of capping it', async () => {
    const extensions = generateExtensions(1_200, 1000, 1);
    h = await startHarness({ seed: { extensions, phones: [], compatibility: defaultCompatibility() }, maxPageSize: 100, oversizePage: 'refuse' });
    expect(await h.client.listExtensions()).toHaveLength(1_200);
    // One refused page of 500, then twelve pages of 100; the next list starts at 100 straight away.
    expect(h.sim.count('extension/list')).toBe(13);
    expect(await h.client.listPhones()).toHaveLength(0);
    expect(h.sim.count('phone/search')).toBe(1);
  });

  it('reads 1,200 extensions in three requests from a PBX that serves pages of 500', async () => {
    const extensions = generateExtensions(1_200, 1000, 1);
    h = await startHarness({ seed: { extensions, phones: [], compatibility: defaultCompatibility() }, maxPageSize: 1_000 });
    expect(await h.client.listExtensions()).toHaveLength(1_200);
    expect(h.sim.count('extension/list')).toBe(3);
  });

  it('maps an extension number to its id by EXACT match only: "10" never matches "100"', async () => {
    const extensions = [ext(71, '100'), ext(72, '1000'), ext(73, '110'), ext(74, '2010'), ext(75, '10'), ext(76, '101', 'Desk 10')];
    h = await startHarness({ seed: { extensions, phones: [], compatibility: defaultCompatibility() } });
    // The simulator's search is a substring search (the real PBX's rules are UNCONFIRMED): the client must filter.
    expect((await h.client.searchExtensions('10')).length).toBe(6);
    expect(await h.client.findExtension('10')).toEqual({ id: 75, number: '10', name: 'Person 10' });
    expect(await h.client.findExtension(' 100 ')).toMatchObject({ id: 71 });
    expect(await h.client.findExtension('1')).toBeNull();
    expect(await h.client.findExtension('01')).toBeNull();
    const ids = await h.client.extensionIdsByNumber(['10', '100', '999', '1000']);
    expect([...ids]).toEqual([['10', 75], ['100', 71], ['1000', 72]]);
  });

  it('reads phones with "Unassigned" as no extension, and Cloud Edition shows no IPs', async () => {
    const extensions = [ext(1, '1000')];
    const phones = generatePhones(3, extensions, { perExtension: 1 }).map((p) => ({ ...p, ip: '192.168.5.20' }));
    h = await startHarness({ seed: { extensions, phones, compatibility: defaultCompatibility() }, edition: 'cloud' });
    const read = await h.client.listPhones();
    expect(read[0]).toMatchObject({ extension: '1000', ip: '' });
    expect(read[1]).toMatchObject({ extension: null, extensionName: null, status: 'Unregistered' });
  });

  it('reads the compatibility options, and Cloud Edition offers rps only', async () => {
    h = await startHarness({ edition: 'cloud' });
    expect((await h.client.getVendors()).map((v) => v.value)).toEqual(['Yealink', 'Fanvil', 'Grandstream', 'Snom']);
    expect((await h.client.getModels('Yealink')).map((m) => m.value)).toContain('SIP-T54W');
    expect((await h.client.getTemplates('Yealink', 'SIP-T54W')).map((t) => t.value)).toContain('YSDP_YealinkT5');
    expect((await h.client.getMethods('Yealink', 'SIP-T54W')).map((m) => m.value)).toEqual(['rps']);
    expect(await h.client.getMethods('Yealink', 'SIP-T46G')).toEqual([]);
    const tree = await h.client.getCompatibility({ only: [{ vendor: 'Snom' }] });
    expect(tree).toHaveLength(1);
    expect(tree[0]?.models.map((m) => m.value)).toEqual(['D717', 'D735', 'D785', 'D385']);
    expect(tree[0]?.models[0]?.templates).toEqual(['YSDP_SnomD7']);
  });

  it('tests a connection: counts extensions and phones', async () => {
    h = await startHarness();
    await expect(h.client.testConnection()).resolves.toMatchObject({ extensionCount: 410, phoneCount: 36 });
  });

  it('refuses a malformed base URL with a clear message', async () => {
    h = await startHarness();
    expect(() => h.newClient({ baseUrl: 'ftp://pbx' })).toThrow(/not supported/);
    expect(() => h.newClient({ baseUrl: 'https://pbx:99999' })).toThrow(/port "99999" is not valid/);
  });
});
