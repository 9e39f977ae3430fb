import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every regular file under a directory (hidden folders such as the trash included), with its bytes. */
export function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}

/**
 * Where any of the needles appears in the files under `dir`: as written, and base64- or URL-encoded (a
 * secret may be hidden in an encoded blob). Returns `file: needle` lines; empty when clean.
 */
export function leaksIn(dir: string, needles: readonly string[]): string[] {
  const forms = needles.flatMap((n) => [...new Set([n, Buffer.from(n).toString('base64'), encodeURIComponent(n)])].map((form) => ({ needle: n, form })));
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const text = file.bytes.toString('latin1');
    for (const { needle, form } of forms) if (text.includes(form)) found.push(`${relative(dir, file.path)}: ${needle}`);
  }
  return found;
}
