import { readFileSync } from 'node:fs';

interface PackageFacts {
  productName: string;
  version: string;
}

// package.json is the single source of the name and version. Read it once relative to this file,
// which works from source (tsx, vitest) and from the Electron bundle (package.json sits beside out/).
function readPackage(): PackageFacts {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as Partial<PackageFacts> & { name?: string };
      if (parsed.name === 'onsite-provisioner') return { productName: parsed.productName ?? 'OnSite Provisioner', version: parsed.version ?? '0.0.0' };
    } catch {
      // try the next candidate
    }
  }
  return { productName: 'OnSite Provisioner', version: '0.0.0' };
}

const facts = readPackage();

/** The product name shown to people. */
export const PRODUCT_NAME = facts.productName;
/** The app version from package.json. */
export const VERSION = facts.version;
