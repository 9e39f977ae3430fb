import { longestPrefixMatch } from '../../../shared/domain/oui';
import type { RegistrantLookup } from '../../../shared/domain/barcode';
import type { Logger } from '../log';
import { loadRegistrantNames } from './oui-data';

// The IEEE's own name on MA-L blocks it carves into MA-M/MA-S: a match on it means "sub-block not assigned".
const IEEE_RA = 'IEEE Registration Authority';

let names: Map<string, string> | undefined;
let loadFailed = false;

/**
 * A lookup of any MAC's IEEE registrant, for devices outside the phone table. The full registry (5.6 MB of
 * JSON, ~70 ms to parse) is read on first use and kept, names only, for the life of the process. If it
 * cannot be read, the lookup logs once and answers "cannot tell" (undefined) rather than failing scans.
 */
export function createRegistrantLookup(log: Logger): RegistrantLookup {
  return (hex) => {
    if (!names && !loadFailed) {
      try {
        names = loadRegistrantNames();
      } catch (error) {
        loadFailed = true;
        log.warn('the IEEE OUI registry (oui-data) could not be loaded; unknown MACs will show no maker', { error });
      }
    }
    if (!names) return undefined;
    const match = longestPrefixMatch(names, hex);
    return match === undefined || match.value === IEEE_RA ? null : match.value;
  };
}
