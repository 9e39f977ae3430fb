import { parseArgs } from 'node:util';
import { SERIAL_TERMINATORS, type SerialTerminator } from '../../../shared/scanner/serial-framing';
import { classifyBarcode } from '../../../shared/domain/barcode';
import { createLogger } from '../../core/log';
import { createRegistrantLookup } from '../../core/oui/registrant';
import { listSerialPorts } from '../../core/scanner/port-list';
import { SerialLink } from '../../core/scanner/serial-link';
import { type CliCommand, type CliIo, untilStopped } from '../command';
import { errorText } from '../../../shared/contract';

function isTerminator(value: string): value is SerialTerminator {
  return (SERIAL_TERMINATORS as readonly string[]).includes(value);
}


async function readScans(path: string, baudRate: number, terminator: SerialTerminator, io: CliIo): Promise<number> {
  const log = createLogger({});
  const registrantFor = createRegistrantLookup(log);
  const link = new SerialLink({
    path,
    baudRate,
    terminator,
    log,
    onScan: (raw, at) => io.out(JSON.stringify({ ...classifyBarcode(raw, { registrantFor }), raw, port: path, at: at.toISOString() })),
    onState: (state) => {
      if (state.state === 'open') io.err(`Reading scans from ${path} (${baudRate} baud, terminator ${terminator}). Press Ctrl+C to stop.`);
      if (state.state === 'reconnecting') io.err(`${state.error?.message ?? 'Reconnecting…'}${state.error?.hint ? `\n  ${state.error.hint}` : ''}`);
    },
  });
  const error = await link.openNow();
  if (error) {
    io.err(`onsite scanner: ${errorText(error, '\n  ')}`);
    await link.close();
    return 1;
  }
  await untilStopped();
  await link.close();
  return 0;
}

/** `onsite scanner`: reads a serial scanner and prints each scan, classified, as one JSON line; or lists ports. */
export const scannerCommand: CliCommand = {
  name: 'scanner',
  usage: 'scanner --port PATH [--baud N] [--terminator cr|lf|crlf|any] | --list',
  summary: 'Print each scan of a serial barcode scanner as a JSON line (classified); --list shows the ports.',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        baud: { type: 'string', default: '9600' },
        terminator: { type: 'string', default: 'any' },
        list: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.list) {
      const result = await listSerialPorts(new Set());
      io.out(JSON.stringify(result));
      if (result.listError) io.err(result.listError);
      return 0;
    }
    if (!values.port) throw new Error('give the scanner port with --port PATH (e.g. /dev/ttyACM0 or COM3), or use --list to see the ports.');
    const baud = Number(values.baud);
    if (!Number.isInteger(baud) || baud < 300 || baud > 4_000_000) throw new Error(`--baud must be a whole number from 300 to 4000000, got ${values.baud}`);
    const terminator = values.terminator;
    if (!isTerminator(terminator)) throw new Error(`--terminator must be one of ${SERIAL_TERMINATORS.join(', ')}, got ${terminator}`);
    return readScans(values.port, baud, terminator, io);
  },
};
