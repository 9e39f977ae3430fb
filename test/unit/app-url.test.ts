import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppPageUrl, resolveAppFile } from '../../electron/main/app-url';

const root = '/opt/onsite/resources/app.asar/out/renderer';

describe('app:// URLs (the Electron shell serves the UI on its own scheme, not file://)', () => {
  it('maps the app\'s pages to files under the renderer folder', () => {
    expect(resolveAppFile(root, APP_ENTRY_URL)).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://onsite/')).toBe(`${root}/index.html`);
    expect(resolveAppFile(root, 'app://onsite/assets/index-abc.js?v=1#x')).toBe(`${root}/assets/index-abc.js`);
    expect(resolveAppFile(root, 'app://onsite/assets/a%20b.css')).toBe(`${root}/assets/a b.css`);
  });

  it('serves nothing outside the folder, on another host, or of an unknown kind', () => {
    // The URL parser already folds /../ and /%2e%2e/ at the root: they stay inside the folder.
    expect(resolveAppFile(root, 'app://onsite/../main/index.js')).toBe(`${root}/main/index.js`);
    expect(resolveAppFile(root, 'app://onsite/%2e%2e/main/index.js')).toBe(`${root}/main/index.js`);
    // Encoded slashes survive the parser and are decoded here: that is the escape to refuse.
    for (const url of [
      'app://onsite/assets/..%2f..%2fmain%2findex.js',
      'app://onsite/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      'app://onsite/index.html%00.png',
      'app://other/index.html',
      'file:///opt/onsite/resources/app.asar/out/renderer/index.html',
      'app://onsite/assets/%E0%A4%A',
      'app://onsite/secrets.txt',
      'app://onsite/assets',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('recognises the app\'s own page by parsed scheme and host, never by prefix', () => {
    expect(isAppPageUrl('app://onsite/index.html')).toBe(true);
    expect(isAppPageUrl('app://onsite.evil/index.html')).toBe(false);
    expect(isAppPageUrl('file:///tmp/renderer/index.html')).toBe(false);
    expect(isAppPageUrl('https://onsite/index.html')).toBe(false);
    expect(isAppPageUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppPageUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppPageUrl('http://localhost:5173.evil.com/', 'http://localhost:5173')).toBe(false);
  });
});
