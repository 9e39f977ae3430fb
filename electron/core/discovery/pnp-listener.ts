import { type RemoteInfo, type Socket, createSocket } from 'node:dgram';
import { PNP_BOOT_HINT, type PnpStatus } from '../../../shared/contract';
import { type PnpParse, parsePnpSubscribe } from '../../../shared/domain/sip-pnp';
import { portTakenMessage } from '../../../shared/domain/udp-port-holder';
import { type PortHolderFinder, findUdpPortHolders } from './port-holder';

/** The SIP PnP multicast group (RFC 6080) booting phones send their SUBSCRIBE to. */
export const PNP_GROUP = '224.0.1.75';
/** The SIP port. */
export const PNP_PORT = 5060;

/** Options of {@link startPnpListener}. */
export interface PnpListenerOptions {
  readonly interfaceName: string;
  /** The address of the interface the group is joined on (never "any": on a laptop the OS would pick Wi-Fi or the VPN). */
  readonly interfaceAddress: string;
  /** Every SIP datagram received, parsed. */
  onMessage(parsed: PnpParse, source: RemoteInfo): void;
  /** The listener broke after it started (socket error); it has stopped. */
  onTrouble?(status: PnpStatus): void;
  readonly port?: number;
  readonly platform?: NodeJS.Platform;
  /** How often the membership is dropped and re-joined, so IGMP-snooping switches without a querier keep forwarding. */
  readonly rejoinIntervalMs?: number;
  readonly findHolders?: PortHolderFinder;
}

/** A started (or refused) listener. */
export interface PnpListener {
  readonly status: PnpStatus;
  stop(): Promise<void>;
}

const STOPPED: PnpStatus = { state: 'stopped', message: 'Stopped listening for PnP announcements.' };

function bind(socket: Socket, port: number, address: string | undefined): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => resolve(error);
    socket.once('error', onError);
    socket.bind({ port, address }, () => {
      socket.off('error', onError);
      resolve(null);
    });
  });
}

async function unavailable(error: NodeJS.ErrnoException, port: number, findHolders: PortHolderFinder): Promise<PnpStatus> {
  if (error.code === 'EADDRINUSE') {
    const holders = await findHolders(port).catch(() => []);
    return { state: 'unavailable', ...portTakenMessage(port, holders) };
  }
  return {
    state: 'unavailable',
    message: `Cannot listen on UDP port ${port} for PnP announcements (${error.code ?? error.message}). The sweep still works.`,
    hint: error.code === 'EACCES' ? 'The system refused the port: allow the app in the firewall or security settings.' : undefined,
  };
}

/**
 * Listens passively for booting phones: binds UDP 5060 with address reuse (so a softphone that also sets it
 * can share), joins 224.0.1.75 on the chosen interface and parses every datagram. It never answers: a reply
 * would redirect the customer's phones to us. On Unix the socket binds the group address itself, so unicast
 * SIP meant for another program on this laptop is never taken; Windows cannot bind a multicast address, so
 * it binds "any". Never throws: a refused port comes back as an `unavailable` status naming who holds it.
 */
export async function startPnpListener(options: PnpListenerOptions): Promise<PnpListener> {
  const port = options.port ?? PNP_PORT;
  const platform = options.platform ?? process.platform;
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const bindError = await bind(socket, port, platform === 'win32' ? undefined : PNP_GROUP);
  if (bindError) {
    socket.close();
    return { status: await unavailable(bindError, port, options.findHolders ?? findUdpPortHolders), stop: () => Promise.resolve() };
  }
  try {
    socket.addMembership(PNP_GROUP, options.interfaceAddress);
  } catch (error) {
    socket.close();
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      status: { state: 'unavailable', message: `Cannot join the PnP multicast group on ${options.interfaceName} (${code}). The sweep still works.` },
      stop: () => Promise.resolve(),
    };
  }
  let stopped = false;
  const rejoin = setInterval(() => {
    try {
      socket.dropMembership(PNP_GROUP, options.interfaceAddress);
      socket.addMembership(PNP_GROUP, options.interfaceAddress);
    } catch {
      // The interface went away or changed address: the next start picks the new one; keep what still works.
    }
  }, options.rejoinIntervalMs ?? 60_000);
  rejoin.unref();
  const stop = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    stopped = true;
    clearInterval(rejoin);
    return new Promise((resolve) => socket.close(() => resolve()));
  };
  socket.on('message', (message, source) => {
    options.onMessage(parsePnpSubscribe(message.toString('utf8'), source.address), source);
  });
  socket.on('error', (error) => {
    void stop();
    options.onTrouble?.({ state: 'unavailable', message: `Stopped listening for PnP announcements: ${error.message}. The sweep still works.` });
  });
  return {
    status: { state: 'listening', message: `Listening on ${options.interfaceName} (${options.interfaceAddress}) for booting phones' PnP announcements. ${PNP_BOOT_HINT}` },
    stop,
  };
}

/** The status a listener has after {@link PnpListener.stop}. */
export function stoppedStatus(): PnpStatus {
  return STOPPED;
}
