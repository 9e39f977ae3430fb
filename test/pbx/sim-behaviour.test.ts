import { afterEach, describe, expect, it } from 'vitest';
import { type PbxSim, type PbxSimOptions, startPbxSim } from '../pbx-sim';
import { rawCall, rawToken } from './harness';

// The behaviours the sync engine relies on, checked with raw HTTP calls (no client in between).
describe('PBX simulator', () => {
  let sim: PbxSim;
  let token: string;
  afterEach(async () => {
    await sim.close();
  });

  const start = async (options: PbxSimOptions = {}): Promise<void> => {
    sim = await startPbxSim(options);
    token = await rawToken(sim);
  };
  const get = (path: string): Promise<Record<string, unknown>> => rawCall(sim.url, 'GET', `${path}${path.includes('?') ? '&' : '?'}access_token=${token}`).then((r) => r.json);
  const post = (path: string, body: unknown): Promise<Record<string, unknown>> => rawCall(sim.url, 'POST', `${path}?access_token=${token}`, { body }).then((r) => r.json);
  const create = (phones: { mac: string; ext_id: number }[], extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> =>
    post('phone/batchcreate', { vendor: 'Yealink', model: 'SIP-T54W', template_name: 'YSDP_YealinkT5', provisioning_method: 'rps', phone_list: phones, ...extra });

  it('requires a User-Agent and says so', async () => {
    await start();
    const { json } = await rawCall(sim.url, 'GET', `phone/search?access_token=${token}`, { userAgent: null });
    expect(json).toMatchObject({ errcode: 40001, invalid_param_list: [{ field: 'User-Agent', validation_type: 'required' }] });
  });

  it('answers an unknown or revoked token with 10004, and lists in the list envelope', async () => {
    await start();
    expect(await rawCall(sim.url, 'GET', 'phone/search?access_token=nope').then((r) => r.json)).toEqual({ errcode: 10004, errmsg: 'TOKEN EXPIRED' });
    const list = await get('extension/list?page=2&page_size=5');
    expect(list).toMatchObject({ errcode: 0, errmsg: 'SUCCESS', total_number: 410 });
    expect((list.data as { number: string }[]).map((e) => e.number)).toEqual(['1005', '1006', '1007', '1008', '1009']);
    expect(await get('phone/get?id=1')).toMatchObject({ data: { id: 1, assigned_extension: '1' } });
    expect(await get('del_token')).toEqual({ errcode: 0, errmsg: 'SUCCESS' });
    expect(await get('phone/search')).toMatchObject({ errcode: 10004 });
  });

  it('rejects a duplicate MAC whatever its case and separators, with duplicate_field_list', async () => {
    await start();
    expect(await create([{ mac: '80:5E:C0:01:02:03', ext_id: 100 }])).toMatchObject({ errcode: 0 });
    const again = await create([{ mac: '80-5e-c0-01-02-03', ext_id: 101 }]);
    expect(again).toMatchObject({ errcode: 40003, errmsg: 'DUPLICATE KEY VALUE', duplicate_field_list: [{ field: 'mac', value: '80-5e-c0-01-02-03', external_source: 'phone', external_source_name: '80:5E:C0:01:02:03' }] });
    expect(await create([{ mac: '805ec0010204', ext_id: 101 }, { mac: '80:5E:C0:01:02:04', ext_id: 102 }])).toMatchObject({ errcode: 40003 });
    expect(sim.state.phones().filter((p) => p.mac.toLowerCase().includes('01:02'))).toHaveLength(1);
  });

  it('allows at most 5 phones on one extension (error code is a knob)', async () => {
    await start();
    const macs = [1, 2, 3, 4, 5, 6].map((n) => ({ mac: `80:5E:C0:09:00:0${n}`, ext_id: 200 }));
    expect(await create(macs.slice(0, 5))).toMatchObject({ errcode: 0 });
    expect(await create(macs.slice(5))).toMatchObject({ errcode: 60002, errmsg: 'MAX LIMITATION EXCEEDED', invalid_param_list: [{ field: 'ext_id', value: '200' }] });
    sim.knobs.extensionLimitErrcode = 40002;
    expect(await create(macs.slice(5))).toMatchObject({ errcode: 40002 });
  });

  it('Cloud Edition accepts rps only and never shows IPs', async () => {
    await start({ edition: 'cloud' });
    expect(await create([{ mac: '80:5E:C0:09:01:01', ext_id: 5 }], { provisioning_method: 'pnp' })).toMatchObject({ errcode: 40002, invalid_param_list: [{ field: 'provisioning_method', value: 'pnp' }] });
    expect(await create([{ mac: '80:5E:C0:09:01:01', ext_id: 5 }])).toMatchObject({ errcode: 0 });
    const methods = await get('auto_provisioning/compatibility?menu=autop_method&vendor=Fanvil&model=X4U');
    expect((methods.data as { value: string }[]).map((m) => m.value)).toEqual(['rps']);
  });

  it('validates vendor, model, template and method against the compatibility data', async () => {
    await start();
    const one = [{ mac: '80:5E:C0:09:02:01', ext_id: 5 }];
    expect(await create(one, { vendor: 'Acme' })).toMatchObject({ errcode: 40002, invalid_param_list: [{ field: 'vendor' }] });
    expect(await create(one, { model: 'SIP-T99' })).toMatchObject({ invalid_param_list: [{ field: 'model' }] });
    expect(await create(one, { template_name: 'YSDP_FanvilX' })).toMatchObject({ invalid_param_list: [{ field: 'template_name' }] });
    expect(await create(one, { model: 'SIP-T46G', template_name: 'YSDP_YealinkT4' })).toMatchObject({ invalid_param_list: [{ field: 'provisioning_method', value: 'rps' }] });
    expect(await create(one, { phone_list: [] })).toMatchObject({ invalid_param_list: [{ field: 'phone_list', validation_type: 'required' }] });
    sim.knobs.unknownExtErrcode = 60001;
    expect(await create([{ mac: '80:5E:C0:09:02:01', ext_id: 4242 }])).toMatchObject({ errcode: 60001, invalid_param_list: [{ field: 'ext_id', value: '4242' }] });
  });

  it('in all-or-nothing mode adds nothing from a batch with one bad item; in partial mode adds the good ones', async () => {
    const batch = (n: number): { mac: string; ext_id: number }[] => [
      { mac: `80:5E:C0:0A:0${n}:01`, ext_id: 300 },
      { mac: '24:9A:D8:10:00:00', ext_id: 301 }, // already on the PBX (seed phone 1)
      { mac: `80:5E:C0:0A:0${n}:03`, ext_id: 302 },
    ];
    await start();
    expect(await create(batch(1))).toMatchObject({ errcode: 40003 });
    expect(sim.state.phones()).toHaveLength(36);

    sim.knobs.batchMode = 'partial';
    expect(await create(batch(2))).toEqual({ errcode: 1, errmsg: 'PARTIAL SUCCESS' });
    expect(sim.state.phones()).toHaveLength(38);
    sim.knobs.partialReport = 'per-item';
    expect(await create(batch(3))).toMatchObject({ errcode: 1, error_list: [{ mac: '24:9A:D8:10:00:00', errcode: 40003 }] });
    sim.knobs.partialReport = 'first-error';
    expect(await create(batch(4))).toMatchObject({ errcode: 40003 });
    expect(sim.state.phones()).toHaveLength(42);
    expect(sim.state.duplicateMacs()).toEqual([]);
  });

  it('limits the phone list length when asked to', async () => {
    await start({ maxBatch: 2 });
    const three = [1, 2, 3].map((n) => ({ mac: `80:5E:C0:0B:00:0${n}`, ext_id: 10 + n }));
    expect(await create(three)).toMatchObject({ errcode: 40002, invalid_param_list: [{ field: 'phone_list', value: '3 items, at most 2' }] });
    expect(await create(three.slice(0, 2))).toMatchObject({ errcode: 0 });
  });

  it('caps live tokens per Client ID and blocks an IP after 5 bad logins', async () => {
    await start({ maxTokens: 2 });
    await rawToken(sim);
    expect(await rawCall(sim.url, 'POST', 'get_token', { body: { username: sim.knobs.clientId, password: sim.knobs.clientSecret } }).then((r) => r.json)).toMatchObject({ errcode: 60002 });
    for (let i = 0; i < 5; i += 1) {
      expect(await rawCall(sim.url, 'POST', 'get_token', { body: { username: sim.knobs.clientId, password: 'bad' } }).then((r) => r.json)).toMatchObject({ errcode: -1, invalid_param_list: [{ field: 'username or password', value: 'error' }] });
    }
    expect(await get('phone/search')).toEqual({ errcode: 70004, errmsg: 'ACCOUNT IP BLOCKED' });
    sim.unblockAll();
    expect(await get('phone/search')).toMatchObject({ errcode: 0 });
  });

  it('schedules faults per endpoint and per nth call, and drops AFTER applying when asked', async () => {
    await start();
    sim.faults.add({ endpoint: 'phone/search', kind: 'errcode', errcode: 70082, nth: 2, times: 2 });
    const codes = [];
    for (let i = 0; i < 4; i += 1) codes.push((await get('phone/search')).errcode);
    expect(codes).toEqual([0, 70082, 70082, 0]);
    sim.faults.add({ endpoint: 'phone/batchcreate', kind: 'drop', afterApply: true });
    await expect(create([{ mac: '80:5E:C0:0C:00:01', ext_id: 7 }])).rejects.toThrow();
    expect(sim.state.phoneByMac('80:5e:c0:0c:00:01')).toMatchObject({ ext_id: 7 });
    expect(sim.faults.pending()).toEqual([]);
  });
});
