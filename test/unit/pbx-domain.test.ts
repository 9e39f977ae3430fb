import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeFingerprint, sameFingerprint } from '../../shared/domain/fingerprint';
import { CREDENTIALS_REFUSED_MESSAGE, describePbxError, isTransientErrcode } from '../../shared/domain/pbx-errors';
import { exactExtension, parseExtensionRow, parsePhoneRow } from '../../shared/domain/pbx-records';
import { parsePbxBaseUrl, pbxEndpointUrl } from '../../shared/domain/pbx-url';

const base = (input: string): string => {
  const parsed = parsePbxBaseUrl(input);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.address.baseUrl;
};
const refusal = (input: string): string => {
  const parsed = parsePbxBaseUrl(input);
  if (parsed.ok) throw new Error(`accepted ${input}`);
  return parsed.message;
};

describe('PBX base URL', () => {
  it('accepts the documented forms and normalises them', () => {
    expect(base('https://name.ras.yeastar.com')).toBe('https://name.ras.yeastar.com');
    expect(base('https://192.0.2.10:8088')).toBe('https://192.0.2.10:8088');
    expect(base('http://192.0.2.10:80')).toBe('http://192.0.2.10');
    expect(base('  HTTPS://PBX.Example.COM:443/ ')).toBe('https://pbx.example.com');
    expect(base('pbx.example.com')).toBe('https://pbx.example.com');
    expect(base('192.0.2.10:8088/')).toBe('https://192.0.2.10:8088');
    expect(base('https://[2001:db8::10]:8088')).toBe('https://[2001:db8::10]:8088');
    const withPath = parsePbxBaseUrl('https://192.0.2.10:8088/openapi/v1.0/get_token');
    expect(withPath).toMatchObject({ ok: true, address: { baseUrl: 'https://192.0.2.10:8088', host: '192.0.2.10', port: 8088, protocol: 'https' } });
    if (withPath.ok) expect(withPath.address.notes.join(' ')).toContain('was removed');
    expect(pbxEndpointUrl('https://pbx.example.com', 'phone/search')).toBe('https://pbx.example.com/openapi/v1.0/phone/search');
  });

  it('refuses garbage with a message that says what is wrong and what to enter', () => {
    expect(refusal('')).toContain('empty');
    expect(refusal('ftp://pbx')).toContain('"ftp://" is not supported');
    expect(refusal('https://pbx:0')).toContain('port "0" is not valid');
    expect(refusal('https://300.1.1.1')).toContain('not a valid IPv4 address');
    expect(refusal('https://192.168.001.010:8088')).toContain('without leading zeros');
    expect(refusal('https://user:pw@pbx')).toContain('user name or password');
    expect(refusal('https://pb x')).toContain('spaces');
    expect(refusal('https://pbx_1.local')).toContain('not a valid host name');
    expect(refusal('mailto:x@y')).toContain('does not look like a web address');
    expect(refusal('2001:db8::1')).toContain('brackets');
    expect(refusal('https://')).toContain('no host name');
    expect(refusal('https://pbx..local')).toContain('not a valid host name');
    expect(refusal('!!!')).toContain('not a valid host name');
    expect(refusal('https://x:abc')).toContain('for example https://');
  });

  it('never throws, whatever is typed', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const parsed = parsePbxBaseUrl(s);
      if (parsed.ok) expect(parsed.address.baseUrl).toMatch(/^https?:\/\/[^/\s]+$/);
    }));
  });
});

describe('PBX error messages', () => {
  it('says the app will not retry a refused login, and how to unblock an IP', () => {
    expect(describePbxError({ errcode: -1 }, 'get_token')).toEqual({ code: 'pbx-auth', message: CREDENTIALS_REFUSED_MESSAGE, transient: false });
    expect(describePbxError({ errcode: 70004, errmsg: 'ACCOUNT IP BLOCKED' }).hint).toContain('Security > Security Rules > Blocked IPs');
    expect(describePbxError({ errcode: 70087 }).code).toBe('pbx-blocked');
    expect(describePbxError({ errcode: 10005 }).message).toContain('not allowed');
  });

  it('names the fields the PBX refused and the duplicates it found', () => {
    const invalid = describePbxError({ errcode: 40002, invalid_param_list: [{ field: 'ext_id', value: '77' }, { field: 'template_name', validation_type: 'required' }] }, 'phone/batchcreate');
    expect(invalid.message).toContain('extension id "77", template is missing');
    const dup = describePbxError({ errcode: 40003, duplicate_field_list: [{ field: 'email_addr', value: 'a@b.c', external_source: 'extension', external_source_name: '1011' }] });
    expect(dup.message).toContain('email_addr "a@b.c" (already used by extension 1011)');
    expect(describePbxError({ errcode: 60002 }, 'phone/batchcreate').message).toContain('at most 5 phones');
    expect(describePbxError({ errcode: 60002 }, 'get_token').message).toContain('maximum of 8 live API sessions');
    expect(describePbxError({ errcode: 99999, errmsg: 'NEW THING' }).message).toContain('99999 NEW THING');
  });

  it('treats only -2 and 70082 as worth retrying', () => {
    expect([-2, 70082].every(isTransientErrcode)).toBe(true);
    expect([-1, 0, 1, 10004, 40002, 40003, 60002, 70004].some(isTransientErrcode)).toBe(false);
    expect(describePbxError({ errcode: 70082 }).transient).toBe(true);
  });
});

describe('PBX records', () => {
  it('reads Unassigned phones as having no extension', () => {
    const phone = parsePhoneRow({ id: '12', mac: 'aa-bb-cc-00-11-22', vendor: 'Fanvil', assigned_ext_num: 'Unassigned', assigned_ext_name: 'Unassigned', assigned_ext_status: 'Unregistered' });
    expect(phone).toMatchObject({ id: 12, extension: null, extensionName: null, ip: '', template: '' });
    expect(parsePhoneRow({ mac: 'x' })).toBeNull();
  });

  it('matches extension numbers exactly', () => {
    const list = ['100', '10', '1000'].map((number, i) => parseExtensionRow({ id: i + 1, number, caller_id_name: 'x' })).filter((e) => e !== null);
    expect(exactExtension(list, '10')?.id).toBe(2);
    expect(exactExtension(list, '1')).toBeNull();
    expect(exactExtension(list, '')).toBeNull();
    expect(parseExtensionRow({ id: 3, number: 1001 })).toEqual({ id: 3, number: '1001', name: '' });
  });
});

describe('fingerprints', () => {
  it('normalises SHA-256 fingerprints from any common format', () => {
    const hex = 'ab'.repeat(32);
    const canonical = Array(32).fill('AB').join(':');
    expect(normalizeFingerprint(hex)).toBe(canonical);
    expect(normalizeFingerprint(`sha256 Fingerprint=${canonical}`)).toBe(canonical);
    expect(normalizeFingerprint('ab:cd')).toBeNull();
    expect(sameFingerprint(hex, canonical)).toBe(true);
    expect(sameFingerprint('x', 'x')).toBe(false);
  });
});
