import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/contract/csp';

const directives = (policy: string): string[] => policy.split(';').map((d) => d.trim()).filter(Boolean);

describe('the renderer\'s Content-Security-Policy (Electron checklist item 7)', () => {
  it('is the same in the page\'s meta tag as in the response header, except what a meta tag cannot carry', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    // frame-ancestors is ignored in a meta tag: only the header (Electron's app:// responses, the browser shell) sets it.
    expect(directives(meta)).toEqual(directives(RENDERER_CSP).filter((d) => !d.startsWith('frame-ancestors')));
  });

  it('allows no inline or evaluated script and no remote code', () => {
    const policy = directives(RENDERER_CSP);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });
});
