import { afterAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../electron/core/core';
import { memoryStore } from '../../electron/core/credentials/secret-store';
import { tempDir } from '../support/temp';

const dir = tempDir();
const opened: string[] = [];
const memory = { openSecrets: (log: Parameters<typeof memoryStore>[1]) => Promise.resolve(memoryStore('test', log)) };
const electronCore: Core = createCore({ dataDir: dir.path, shell: 'electron', pbx: memory, openExternal: (url) => Promise.resolve(void opened.push(url)) });
afterAll(async () => {
  await electronCore.close();
  dir.cleanup();
});

async function open(core: Core, url: string) {
  return core.dispatch('app:open-external', { url });
}

describe('app:open-external (Electron checklist item 15)', () => {
  it('opens the web portal of a configured PBX profile and Yeastar\'s help pages, and nothing else', async () => {
    const saved = await electronCore.dispatch('pbx:save-profile', { name: 'Site', baseUrl: 'https://192.0.2.10:8088', clientId: 'id', secret: 'secret' });
    expect(saved.ok).toBe(true);
    expect(await open(electronCore, 'https://192.0.2.10:8088/')).toEqual({ ok: true, data: { url: 'https://192.0.2.10:8088/', opened: true } });
    expect(await open(electronCore, 'https://help.yeastar.com/en/p-series-appliance-edition/')).toMatchObject({ ok: true, data: { opened: true } });
    const refused = [
      'https://192.0.2.10:8089/', // another port is another service
      'http://192.0.2.10:8088/', // the profile is https
      'https://192.0.2.10.example.com:8088/', // prefix look-alike
      'https://help.yeastar.com.example.com/',
      'https://user:pass@192.0.2.10:8088/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://192.0.2.10/share',
      'not a url',
    ];
    for (const url of refused) {
      const result = await open(electronCore, url);
      expect(result.ok, url).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('validation');
    }
    expect(opened).toEqual(['https://192.0.2.10:8088/', 'https://help.yeastar.com/en/p-series-appliance-edition/']);
  });

  it('in the browser shell returns the checked address for the page to open itself', async () => {
    const webDir = tempDir();
    const web = createCore({ dataDir: webDir.path, shell: 'web', pbx: memory });
    try {
      expect(await open(web, 'https://help.yeastar.com/x')).toEqual({ ok: true, data: { url: 'https://help.yeastar.com/x', opened: false } });
      expect((await open(web, 'https://example.com/')).ok).toBe(false);
    } finally {
      await web.close();
      webDir.cleanup();
    }
  });
});
