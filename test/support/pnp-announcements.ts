/**
 * SIP PnP SUBSCRIBEs in the formats booting phones send (reference §2.2/2.3: captures and vendor code), one per
 * vendor variant, for a given MAC (12 hex digits, lower case) and IP. Shared by the parser's unit tests and the
 * fake-LAN system test, so both check the same realistic messages.
 */

/** One announcement, with the model and firmware a correct parser reads from it. */
export interface Announcement {
  readonly text: string;
  readonly model: string | undefined;
  readonly firmware: string;
}

/** Announcement builders by vendor variant. */
export const ANNOUNCEMENTS: Readonly<Record<string, (mac: string, ip: string) => Announcement>> = {
  Yealink: (mac, ip) => ({
    model: 'T54W',
    firmware: '96.86.0.70',
    text: [
      `SUBSCRIBE sip:MAC${mac}@224.0.1.75 SIP/2.0`,
      `Via: SIP/2.0/UDP ${ip}:5060;branch=z9hG4bK1536537630`,
      `From: <sip:MAC${mac}@224.0.1.75>;tag=1536537630`,
      `To: <sip:MAC${mac}@224.0.1.75>`,
      `Call-ID: 1536537630@${ip}`,
      'CSeq: 1 SUBSCRIBE',
      `Contact: <sip:MAC${mac}@${ip}:5060>`,
      'Max-Forwards: 70',
      'User-Agent: Yealink SIP-T54W 96.86.0.70',
      'Expires: 0',
      'Event: ua-profile;profile-type="device";vendor="Yealink";model="T54W";version="96.86.0.70"',
      'Accept: application/url',
      'Content-Length: 0',
    ].join('\r\n') + '\r\n\r\n',
  }),
  Grandstream: (mac, ip) => ({
    model: 'GRP2614',
    firmware: '1.0.9.69',
    text: [
      `SUBSCRIBE sip:MAC%3A${mac.toUpperCase()}@224.0.1.75 SIP/2.0`,
      `Via: SIP/2.0/UDP ${ip}:5060;branch=z9hG4bK1611133778;rport`,
      `From: <sip:MAC%3A${mac.toUpperCase()}@224.0.1.75>;tag=395400190`,
      `To: <sip:MAC%3A${mac.toUpperCase()}@224.0.1.75>`,
      'Call-ID: 490431573-5060-1@BJC.BGI.IG.DA',
      'CSeq: 20000 SUBSCRIBE',
      `Contact: <sip:${ip}:5060>`,
      'User-Agent: Grandstream GRP2614 1.0.9.69',
      'Expires: 0',
      'Event: ua-profile;profile-type="device";vendor="Grandstream";model="GRP2614";version="1.0.9.69"',
      'Accept: application/url',
      'Content-Length: 0',
    ].join('\r\n') + '\r\n\r\n',
  }),
  Snom: (mac, ip) => ({
    model: 'snomD785',
    firmware: '10.1.159.12',
    text: [
      `SUBSCRIBE sip:MAC%3a${mac.toUpperCase()}@224.0.1.75 SIP/2.0`,
      `Via: SIP/2.0/UDP ${ip}:5060;branch=z9hG4bK-snom;rport`,
      `From: <sip:MAC%3a${mac.toUpperCase()}>;tag=snom1`,
      `To: <sip:MAC%3a${mac.toUpperCase()}>`,
      `Call-ID: 3c26700b1d8a@${ip}`,
      'CSeq: 1 SUBSCRIBE',
      'Event: ua-profile;profile-type="device";vendor="snom";model="snomD785";version="10.1.159.12"',
      'Expires: 0',
      'Accept: application/url',
      'Content-Length: 0',
    ].join('\r\n') + '\r\n\r\n',
  }),
  Fanvil: (mac, ip) => ({
    model: 'X4U',
    firmware: '2.12.8',
    text: [
      'SUBSCRIBE sip:224.0.1.75 SIP/2.0',
      `Via: SIP/2.0/UDP ${ip}:5060;branch=z9hG4bK-fanvil`,
      `From: <sip:MAC=${mac}@224.0.1.75>;tag=f1`,
      `To: <sip:MAC=${mac}@224.0.1.75>`,
      'CSeq: 1 SUBSCRIBE',
      'User-Agent: Fanvil X4U 2.12.8',
      'Event: ua-profile;profile-type="device";vendor="Fanvil";model="X4U";version="2.12.8"',
      'Content-Length: 0',
    ].join('\r\n') + '\r\n\r\n',
  }),
  Htek: (mac, ip) => ({
    model: 'UC926',
    firmware: '2.0.4.2',
    text: [
      `SUBSCRIBE sip:MAC${mac}@224.0.1.75 SIP/2.0`,
      `Via: SIP/2.0/UDP ${ip}:5060;branch=z9hG4bK-htek`,
      `From: <sip:MAC${mac}@224.0.1.75>;tag=h1`,
      'User-Agent: Htek UC926 2.0.4.2',
      'Event: ua-profile;profile-type="device";vendor="Htek";model="UC926";version="2.0.4.2"',
      'Content-Length: 0',
    ].join('\r\n') + '\r\n\r\n',
  }),
  // Gigaset OEM firmware says vendor="OEM" model="OEM": the model cannot be known, the vendor comes from the OUI.
  Gigaset: (mac, ip) => ({
    model: undefined,
    firmware: '2.61.0',
    text: [
      `SUBSCRIBE sip:MAC%3a${mac}@gigaset.com SIP/2.0`,
      `Via: SIP/2.0/UDP ${ip}:5060;branch=z9hG4bK-giga`,
      `From: <sip:MAC%3a${mac}@gigaset.com>;tag=g1`,
      'Event: ua-profile;profile-type="device";vendor="OEM";model="OEM";version="2.61.0"',
      'Content-Length: 0',
    ].join('\r\n') + '\r\n\r\n',
  }),
  // AudioCodes sends no MAC at all: it must come from the neighbour table by the sender's IP.
  AudioCodes: (_mac, ip) => ({
    model: '420HD',
    firmware: '1.2.1_build_6',
    text: [
      'SUBSCRIBE sip:224.0.1.75:5060 SIP/2.0',
      `Via: SIP/2.0/UDP ${ip}:5060;branch=z9hG4bK-audc`,
      `From: <sip:00000001@${ip}>;tag=a1`,
      'User-Agent: AUDC-IPPhone/2.2.8.61 (420HD-Rev1)',
      'Event: ua-profile;profile-type="application";model="420HD";version="1.2.1_build_6"',
      'Content-Length: 0',
    ].join('\r\n') + '\r\n\r\n',
  }),
};
