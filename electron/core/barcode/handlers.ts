import { type RegistrantLookup, classifyBarcode } from '../../../shared/domain/barcode';
import type { PartialHandlers } from '../dispatch';

/** What the barcode handlers need: the IEEE registry lookup for MACs outside the phone table. */
export interface BarcodeDeps {
  readonly registrantFor: RegistrantLookup;
}

/** Handlers for the `barcode:*` channels. */
export function barcodeHandlers(deps: BarcodeDeps): PartialHandlers<'barcode:classify'> {
  return {
    'barcode:classify': ({ text }) => classifyBarcode(text, { registrantFor: deps.registrantFor }),
  };
}
