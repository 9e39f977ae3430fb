import { afterEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../electron/core/core';
import { EventHub } from '../../electron/core/events';
import { tempDir } from '../support/temp';

describe('the contract boundary', () => {
  let core: Core | undefined;
  let cleanup: (() => void) | undefined;
  afterEach(async () => {
    await core?.close();
    cleanup?.();
  });
  const start = (): Core => {
    const dir = tempDir();
    cleanup = dir.cleanup;
    core = createCore({ dataDir: dir.path, shell: 'web' });
    return core;
  };

  it('answers a valid request with data', async () => {
    const result = await start().dispatch('app:info', {});
    expect(result).toMatchObject({ ok: true, data: { productName: 'OnSite Provisioner', shell: 'web' } });
  });

  it('answers a malformed payload with a validation error naming the field, not a crash', async () => {
    const result = await start().dispatch('app:dismiss-notice', { id: 42 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.fields?.[0]?.path).toBe('id');
    expect(result.error.message).toContain('app:dismiss-notice');
  });

  it('refuses extra fields, so a typo in a request is not silently ignored', async () => {
    const result = await start().dispatch('app:info', { verbose: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('answers an unknown channel, or a non-string one, with unknown-channel', async () => {
    const c = start();
    expect(await c.dispatch('app:format-disk', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await c.dispatch({ toString: 'x' }, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await c.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });
});

describe('events', () => {
  it('keeps events emitted before anyone subscribes and delivers them in order to the first subscriber', () => {
    const hub = new EventHub();
    const notice = (id: string) => ({ id, level: 'info' as const, title: 't', message: 'm', at: new Date(0).toISOString() });
    hub.emit('app:notice', notice('1'));
    hub.emit('app:notice', notice('2'));
    const seen: string[] = [];
    const stop = hub.subscribe((e) => e.event === 'app:notice' && seen.push(e.payload.id));
    hub.emit('app:notice', notice('3'));
    expect(seen).toEqual(['1', '2', '3']);
    stop();
    hub.emit('app:notice', notice('4'));
    const later: string[] = [];
    hub.subscribe((e) => e.event === 'app:notice' && later.push(e.payload.id));
    expect(later).toEqual(['4']);
  });

  it('rejects an event payload that breaks the contract', () => {
    const hub = new EventHub();
    expect(() => hub.emit('app:notice', { id: 1 } as never)).toThrow();
  });
});
