import { describe, expect, it } from 'vitest';
import { parsePnpSubscribe } from '../../shared/domain/sip-pnp';
import { ANNOUNCEMENTS } from '../support/pnp-announcements';

/** Joins header lines with CRLF and ends the header block, as phones send them. */
function sip(...lines: string[]): string {
  return `${lines.join('\r\n')}\r\n\r\n`;
}

// Formats from the reference (§2.2, §2.3): captures and vendor code, with documentation IPs.
const variant = (vendor: string, mac: string, ip: string): string => ANNOUNCEMENTS[vendor]!(mac, ip).text;
const YEALINK = variant('Yealink', '805ec0a1b2c3', '192.0.2.31');

describe('parsePnpSubscribe: vendor variants', () => {
  it('Yealink: bare MAC after MAC in the request URI; model and firmware from Event', () => {
    expect(parsePnpSubscribe(YEALINK, '192.0.2.31')).toEqual({
      ok: true,
      announcement: {
        mac: '80:5e:c0:a1:b2:c3',
        ip: '192.0.2.31',
        vendor: 'Yealink',
        announcedVendor: 'Yealink',
        model: 'T54W',
        firmware: '96.86.0.70',
        userAgent: 'Yealink SIP-T54W 96.86.0.70',
      },
    });
  });

  it('Grandstream: MAC%3A with an upper-case MAC', () => {
    expect(parsePnpSubscribe(variant('Grandstream', 'c074ada1b2c3', '192.0.2.32'), '192.0.2.32')).toMatchObject({
      ok: true,
      announcement: { mac: 'c0:74:ad:a1:b2:c3', vendor: 'Grandstream', model: 'GRP2614', firmware: '1.0.9.69' },
    });
  });

  it('Snom: MAC%3a, no host in From/To, no User-Agent; OUI vendor wins over the lower-case announced one', () => {
    expect(parsePnpSubscribe(variant('Snom', '000413a1b2c3', '192.0.2.33'), '192.0.2.33')).toMatchObject({
      ok: true,
      announcement: { mac: '00:04:13:a1:b2:c3', vendor: 'Snom', announcedVendor: 'snom', model: 'snomD785', firmware: '10.1.159.12', userAgent: null },
    });
  });

  it('Fanvil/PLANET: MAC= in From when the request URI has none', () => {
    expect(parsePnpSubscribe(variant('Fanvil', '0c383ea1b2c3', '192.0.2.34'), '192.0.2.34')).toMatchObject({ ok: true, announcement: { mac: '0c:38:3e:a1:b2:c3', vendor: 'Fanvil', model: 'X4U', firmware: '2.12.8' } });
  });

  it('PLANET OEM of Fanvil: the announced vendor stands when the OUI is not a known phone vendor', () => {
    const planet = sip(
      'SUBSCRIBE sip:MAC=00304fa99948@224.0.1.75 SIP/2.0',
      'From: <sip:MAC=00304fa99948@224.0.1.75>;tag=p',
      'User-Agent: PLANET VIP-2140PT',
      'Event: ua-profile;profile-type="device";vendor="PLANET";model="VIP-2140PT";version="2.0.3.2991"',
    );
    expect(parsePnpSubscribe(planet)).toMatchObject({ ok: true, announcement: { mac: '00:30:4f:a9:99:48', vendor: 'PLANET', model: 'VIP-2140PT', firmware: '2.0.3.2991', ip: null } });
  });

  it('Gigaset: OEM vendor and model say nothing, so vendor comes from the OUI and the model stays unknown', () => {
    expect(parsePnpSubscribe(variant('Gigaset', '7c2f80a1b2c3', '192.0.2.35'), '192.0.2.35')).toMatchObject({ ok: true, announcement: { mac: '7c:2f:80:a1:b2:c3', vendor: 'Gigaset', announcedVendor: null, model: null, firmware: '2.61.0' } });
  });

  it('Htek: Yealink-style URI', () => {
    expect(parsePnpSubscribe(variant('Htek', '001fc1a1b2c3', '192.0.2.36'), '192.0.2.36')).toMatchObject({ ok: true, announcement: { mac: '00:1f:c1:a1:b2:c3', vendor: 'Htek', model: 'UC926', firmware: '2.0.4.2' } });
  });

  it('takes a MAC at the end of the User-Agent when no URI has one, and model/firmware from the UA when Event lacks them', () => {
    const ua = sip('SUBSCRIBE sip:224.0.1.75 SIP/2.0', 'From: <sip:anonymous@224.0.1.75>', 'User-Agent: Yealink SIP-T38G 38.70.0.125 00:15:65:00:00:01', 'Event: ua-profile');
    expect(parsePnpSubscribe(ua, '192.0.2.37')).toMatchObject({ ok: true, announcement: { mac: '00:15:65:00:00:01', vendor: 'Yealink', model: 'SIP-T38G', firmware: '38.70.0.125' } });
  });

  it('AudioCodes: no MAC anywhere, so the caller gets the IP and details to complete from the neighbour table', () => {
    expect(parsePnpSubscribe(variant('AudioCodes', '00908fa1b2c3', '192.0.2.38'), '192.0.2.38')).toEqual({
      ok: false,
      reason: 'no-mac',
      message: expect.any(String) as unknown,
      ip: '192.0.2.38',
      details: { announcedVendor: 'AUDC-IPPhone', model: '420HD', firmware: '1.2.1_build_6', userAgent: 'AUDC-IPPhone/2.2.8.61 (420HD-Rev1)' },
    });
  });
});

describe('parsePnpSubscribe: header handling', () => {
  it('reads compact header names, folded lines, LF-only line ends, unquoted and URL-encoded parameters, any case', () => {
    const odd = [
      'subscribe sip:mac805EC0A1B2C3@224.0.1.75 SIP/2.0',
      'v: SIP/2.0/UDP 192.0.2.40:5060;branch=z9hG4bK-x',
      'f: <sip:MAC805ec0a1b2c3@224.0.1.75>;tag=x',
      'o: UA-Profile;Profile-Type=device;VENDOR=Yealink;',
      '  Model="T46U";Version=66.86.0.15%2Brc1',
      '',
      '',
    ].join('\n');
    expect(parsePnpSubscribe(odd)).toMatchObject({ ok: true, announcement: { mac: '80:5e:c0:a1:b2:c3', ip: '192.0.2.40', model: 'T46U', firmware: '66.86.0.15+rc1' } });
  });

  it('prefers the datagram source over Via for the IP, and ignores a 0.0.0.0 Via', () => {
    expect(parsePnpSubscribe(YEALINK, '192.0.2.99')).toMatchObject({ ok: true, announcement: { ip: '192.0.2.99' } });
    const zero = YEALINK.replace('192.0.2.31:5060;branch', '0.0.0.0:5060;branch');
    expect(parsePnpSubscribe(zero)).toMatchObject({ ok: true, announcement: { ip: null } });
  });

  it('keeps semicolons inside quoted parameter values', () => {
    const quoted = YEALINK.replace('model="T54W"', 'model="T54W;rev2"');
    expect(parsePnpSubscribe(quoted)).toMatchObject({ ok: true, announcement: { model: 'T54W;rev2' } });
  });
});

describe('parsePnpSubscribe: what is not an announcement', () => {
  it('rejects other SIP methods, other events, and non-SIP data', () => {
    expect(parsePnpSubscribe(YEALINK.replace(/^SUBSCRIBE/, 'OPTIONS'))).toMatchObject({ ok: false, reason: 'not-subscribe' });
    expect(parsePnpSubscribe(YEALINK.replace('Event: ua-profile', 'Event: presence'))).toMatchObject({ ok: false, reason: 'not-ua-profile' });
    expect(parsePnpSubscribe(YEALINK.replace(/Event: [^\r]*\r\n/, ''))).toMatchObject({ ok: false, reason: 'not-ua-profile' });
    expect(parsePnpSubscribe('SIP/2.0 200 OK\r\n\r\n')).toMatchObject({ ok: false, reason: 'not-sip' });
    expect(parsePnpSubscribe('\u0000\u0001garbage')).toMatchObject({ ok: false, reason: 'not-sip' });
    expect(parsePnpSubscribe('')).toMatchObject({ ok: false, reason: 'not-sip' });
  });

  it('never takes a number, a locally administered or a multicast address as the MAC', () => {
    const local = YEALINK.replaceAll('MAC805ec0a1b2c3', 'MAC02aabbccddee');
    expect(parsePnpSubscribe(local)).toMatchObject({ ok: false, reason: 'no-mac' });
    const bareNumber = sip('SUBSCRIBE sip:201804123456@224.0.1.75 SIP/2.0', 'Event: ua-profile');
    expect(parsePnpSubscribe(bareNumber)).toMatchObject({ ok: false, reason: 'no-mac' });
    const multicast = sip('SUBSCRIBE sip:MAC01005e000001@224.0.1.75 SIP/2.0', 'Event: ua-profile');
    expect(parsePnpSubscribe(multicast)).toMatchObject({ ok: false, reason: 'no-mac' });
  });

  it('accepts a bare 12-hex user only when the OUI is a phone vendor', () => {
    const bare = sip('SUBSCRIBE sip:805ec0a1b2c3@224.0.1.75 SIP/2.0', 'Event: ua-profile');
    expect(parsePnpSubscribe(bare)).toMatchObject({ ok: true, announcement: { mac: '80:5e:c0:a1:b2:c3' } });
  });

  it('survives a huge or malformed datagram without throwing', () => {
    expect(parsePnpSubscribe(`SUBSCRIBE sip:MAC%ZZ@x SIP/2.0\r\nEvent: ua-profile;vendor="%E0%A4%A"\r\n${'X-Pad: y\r\n'.repeat(5000)}`)).toMatchObject({ ok: false });
  });
});
