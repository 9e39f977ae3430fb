import { z } from 'zod';
import type { BarcodeClassification } from '../domain/barcode';
import { request } from './define';

/** A canonical MAC as the core returns it: `80:5e:c0:12:34:56`. */
const canonicalMacSchema = z.string().regex(/^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/);

/** What a scanned or pasted code is: a phone MAC, a MAC to confirm, or not a MAC (with the reason in words). */
export const barcodeClassificationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mac'), mac: canonicalMacSchema, vendor: z.string() }),
  z.object({ kind: z.literal('mac-unknown-vendor'), mac: canonicalMacSchema, registrant: z.string().optional(), reason: z.string() }),
  z.object({ kind: z.literal('rejected'), reason: z.string() }),
]);

// The domain type and the wire schema must describe the same thing; this fails to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesDomain: Same<z.infer<typeof barcodeClassificationSchema>, BarcodeClassification> = true;
void schemaMatchesDomain;

/** The longest text `barcode:classify` accepts: far beyond any barcode, small enough to refuse floods. */
export const MAX_BARCODE_TEXT = 100_000;

/** Requests about barcodes. */
export const barcodeRequests = {
  'barcode:classify': request({
    summary: 'Says whether a scanned or pasted code is a phone MAC (with vendor), a MAC to confirm, or not a MAC and why.',
    input: z.object({ text: z.string().max(MAX_BARCODE_TEXT) }).strict(),
    output: barcodeClassificationSchema,
  }),
} as const;
