import { z } from 'zod';
import { SERIAL_TERMINATORS } from '../scanner/serial-framing';
import { wedgeSettingsSchema } from '../scanner/wedge-settings';
import { barcodeClassificationSchema } from './barcode';
import { event, request } from './define';
import { appErrorSchema } from './result';

/** How a serial scanner ends each code: CR, LF, CRLF, or any run of CR/LF (the default). */
export const serialTerminatorSchema = z.enum(SERIAL_TERMINATORS);

/** One serial port the OS reports. */
export const serialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  /** USB vendor and product IDs, lowercase hex, when the port is a USB device. */
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  /** The scanner maker when the USB vendor ID is one we know (Honeywell, Zebra, Datalogic, Newland, Opticon). */
  scannerMaker: z.string().optional(),
  /** True when this port is open in the app right now. */
  connected: z.boolean(),
});

/** A port the OS reports. */
export type SerialPortInfo = z.infer<typeof serialPortInfoSchema>;

/**
 * Where a serial scanner is: opening, open (reading scans), reconnecting (unplugged or failing: the app
 * keeps trying the same path by itself), or closed (disconnected by the technician).
 */
export const SCANNER_PORT_STATES = ['opening', 'open', 'reconnecting', 'closed'] as const;

/** The state of one serial scanner the app was asked to use. */
export const scannerPortStatusSchema = z.object({
  path: z.string(),
  baudRate: z.number().int(),
  terminator: serialTerminatorSchema,
  state: z.enum(SCANNER_PORT_STATES),
  /** Why the last attempt failed, with what to do about it; absent while all is well. */
  error: appErrorSchema.optional(),
  /** Scans read since the port was connected. */
  scans: z.number().int().nonnegative(),
  /** When the state last changed (ISO 8601). */
  since: z.string(),
});

/** The state of one serial scanner. */
export type ScannerPortStatus = z.infer<typeof scannerPortStatusSchema>;

/** One code read from a scanner, with what it is. */
export const scannerScanSchema = z.object({
  source: z.literal('scanned-serial'),
  port: z.string(),
  /** The text as read, framing (CR/LF and control characters at the ends) removed. */
  raw: z.string(),
  classification: barcodeClassificationSchema,
  /** When the terminator arrived (ISO 8601). */
  at: z.string(),
});

/** One code read from a serial scanner. */
export type ScannerScan = z.infer<typeof scannerScanSchema>;

/** Settings of one serial scanner connection. */
export const serialConnectInputSchema = z
  .object({
    path: z.string().min(1).max(512),
    /** Nominal for USB virtual-COM scanners; RS-232 scanners default to 9600 8N1. */
    baudRate: z.number().int().min(300).max(4_000_000).default(9600),
    terminator: serialTerminatorSchema.default('any'),
  })
  .strict();

/** Requests about barcode scanners. */
export const scannerRequests = {
  'scanner:list-ports': request({
    summary: 'The serial ports of this machine, with known scanner makers marked. Listing can fail (no udev): then `listError` says why and a path can still be typed.',
    input: z.object({}).strict(),
    output: z.object({ ports: z.array(serialPortInfoSchema), listError: z.string().optional() }),
  }),
  'scanner:connect': request({
    summary: 'Opens a serial scanner and keeps it open (reopening by itself after an unplug); remembered for this machine. Fails clearly when the port is busy, not permitted or missing.',
    input: serialConnectInputSchema,
    output: scannerPortStatusSchema,
  }),
  'scanner:disconnect': request({
    summary: 'Closes a serial scanner and forgets it for this machine.',
    input: z.object({ path: z.string().min(1).max(512) }).strict(),
    output: z.object({ disconnected: z.boolean() }),
  }),
  'scanner:status': request({
    summary: 'The state of every serial scanner the app uses.',
    input: z.object({}).strict(),
    output: z.object({ ports: z.array(scannerPortStatusSchema) }),
  }),
  'scanner:get-wedge-settings': request({
    summary: 'Thresholds that tell a keyboard-wedge scanner from typing, for this machine.',
    input: z.object({}).strict(),
    output: wedgeSettingsSchema,
  }),
  'scanner:save-wedge-settings': request({
    summary: 'Saves keyboard-wedge thresholds for this machine (e.g. after calibrating on a scan).',
    input: wedgeSettingsSchema.strict(),
    output: wedgeSettingsSchema,
  }),
} as const;

/** Events about barcode scanners. */
export const scannerEvents = {
  'scanner:scan': event({ summary: 'A serial scanner read a code; it comes classified (MAC, MAC to confirm, or refused with the reason).', payload: scannerScanSchema }),
  'scanner:port-state': event({ summary: 'A serial scanner changed state (opened, lost, reconnecting, closed), with the error when there is one.', payload: scannerPortStatusSchema }),
} as const;
