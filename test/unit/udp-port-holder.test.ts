import { describe, expect, it } from 'vitest';
import { parseProcNetUdp, portTakenMessage } from '../../shared/domain/udp-port-holder';

// Captured in a network namespace with sockets on 0.0.0.0:5060, 127.0.0.1:40000 and [::]:5061.
const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
10386: 00000000:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 42361 2 0000000037f045b8 0
12558: 0100007F:9C40 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 42363 2 0000000086e4b03b 0
`;
const UDP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
10387: 00000000000000000000000000000000:13C5 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 42362 2 0000000043c01697 0
`;

describe('parseProcNetUdp', () => {
  it('decodes addresses (host byte order), ports, owners and inodes', () => {
    expect(parseProcNetUdp(UDP)).toEqual([
      { address: '0.0.0.0', port: 5060, uid: 0, inode: 42361 },
      { address: '127.0.0.1', port: 40000, uid: 1000, inode: 42363 },
    ]);
    expect(parseProcNetUdp(UDP, false)[1]?.address).toBe('1.0.0.127');
    expect(parseProcNetUdp(UDP6)).toEqual([{ address: 'IPv6', port: 5061, uid: 0, inode: 42362 }]);
    expect(parseProcNetUdp('')).toEqual([]);
  });
});

describe('portTakenMessage', () => {
  it('names the program when it is known, and the usual suspects when not', () => {
    const known = portTakenMessage(5060, [{ pid: 4242, command: 'microsip' }]);
    expect(known.message).toBe('UDP port 5060 is in use by "microsip" (process 4242), so booting phones\' PnP announcements cannot be heard. The sweep still works.');
    expect(known.hint).toContain('Close "microsip" (process 4242)');
    const unknown = portTakenMessage(5060, []);
    expect(unknown.message).toContain('softphone');
    expect(unknown.message).toContain('3CX');
    expect(unknown.message).toContain('Asterisk');
  });
});
