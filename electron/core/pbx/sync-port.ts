import { macKey } from '../../../shared/sync/settle';
import type { PbxPhone } from '../../../shared/domain/pbx-records';
import type { PbxSnapshot } from '../../../shared/domain/pbx-snapshot';
import type { CreateOutcome, ItemReason, PbxPort, PbxTrouble, PhoneOnPbx, ReadResult } from '../queue/ports';
import type { PbxClient } from './client';
import type { WriteResult } from './connection';
import { PbxError } from './errors';
import { errorText } from '../../../shared/contract';

// Duplicate MAC and "extension already carries 5 phones": the row conflicts with what is on the PBX.
const CONFLICT_ERRCODES = new Set([40003, 60002]);

// Refusals of the whole request that say nothing about its phones: no such API, no permission, feature off.
// Splitting the chunk would only repeat them, so the sync stops and says what to change on the PBX.
const REQUEST_REFUSALS = new Set([10001, 10002, 10003, 10005, 10009, 70084, 70120, 70123]);

/**
 * What the sync engine must do about a failure: wait (`transient`), or stop until a person acts (credentials,
 * blocked IP, certificate, or a PBX that refuses this kind of request, e.g. 10005 access denied).
 */
export function troubleOf(error: unknown): PbxTrouble {
  if (!(error instanceof PbxError)) return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
  const reason = errorText(error);
  if (error.code === 'pbx-blocked') return { kind: 'blocked', reason };
  if (error.code === 'pbx-tls-untrusted' || error.code === 'pbx-tls-changed') return { kind: 'tls', reason };
  // A web page or unreadable answer from the PBX's address (captive portal, proxy, a PBX restarting): wait and
  // try again; the reason says what answered. Not speaking HTTPS at all (never sent) is a wrong address: stop.
  if (error.transient || error.code === 'pbx-unreachable' || (error.code === 'pbx-bad-response' && error.sent)) return { kind: 'transient', reason };
  if (error.code === 'pbx-auth') return { kind: 'auth', reason };
  return { kind: 'refused', reason };
}

async function read<T>(work: () => Promise<T>): Promise<ReadResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (!(error instanceof PbxError)) throw error;
    return { ok: false, trouble: troubleOf(error) };
  }
}

function itemReasons(result: Extract<WriteResult, { outcome: 'partial' }>): ItemReason[] {
  return result.itemErrors.filter((e) => e.mac !== '').map((e) => ({ mac: canonicalMac(e.mac), reason: e.message, conflict: CONFLICT_ERRCODES.has(e.errcode) }));
}

/** Maps a client write result to what the engine acts on. */
export function createOutcomeOf(result: WriteResult): CreateOutcome {
  switch (result.outcome) {
    case 'applied':
      return { kind: 'created' };
    case 'partial':
      return { kind: 'partial', reason: result.error.message, items: itemReasons(result) };
    case 'unknown':
      return { kind: 'unknown', reason: result.error.message };
    case 'not-sent':
      return { kind: 'not-sent', trouble: troubleOf(result.error) };
    case 'rejected': {
      const { error } = result;
      // Busy (70082), or a token the PBX dropped twice in a row (10004): it says it did nothing, but a refused
      // write is read back before anything is sent again, like an unanswered one; the chunk is not split.
      if (error.transient || error.errcode === 10004) return { kind: 'unknown', reason: error.message };
      if (error.code === 'pbx-blocked' || error.code === 'pbx-auth' || REQUEST_REFUSALS.has(error.errcode ?? 0)) return { kind: 'refused', trouble: troubleOf(error) };
      return { kind: 'rejected', reason: error.message, conflict: CONFLICT_ERRCODES.has(error.errcode ?? 0) };
    }
  }
}

function canonicalMac(mac: string): string {
  const key = macKey(mac);
  return /^[0-9a-f]{12}$/.test(key) ? key.match(/../g)!.join(':') : mac.toLowerCase();
}

/** A phone as the client reads it, in the engine's and the offline snapshot's shape (canonical MAC). */
export function toPhoneOnPbx(p: PbxPhone): PhoneOnPbx {
  return { id: p.id, mac: canonicalMac(p.mac), extension: p.extension, vendor: p.vendor, model: p.model, template: p.template, status: p.status };
}

/**
 * The sync engine's {@link PbxPort} over a {@link PbxClient}: one per PBX profile. Reads become results with the
 * trouble the engine acts on; writes keep the client's outcome semantics (`unknown` → read back before resending).
 */
export function createPbxPort(client: PbxClient): PbxPort {
  const readPhones = async (): Promise<PhoneOnPbx[]> => (await client.listPhones()).map(toPhoneOnPbx);

  return {
    readSnapshot: (groups) =>
      read(async () => {
        // Only what the queued groups need: their vendors and models.
        const vendors = await client.getCompatibility({ only: groups });
        const compatibilityAt = new Date().toISOString();
        const extensions = await client.listExtensions();
        const extensionsAt = new Date().toISOString();
        const phones = await readPhones();
        return {
          compatibility: { vendors, fetchedAt: compatibilityAt },
          extensions: { items: extensions, fetchedAt: extensionsAt },
          phones: { items: phones, fetchedAt: new Date().toISOString() },
        } satisfies PbxSnapshot;
      }),
    readPhones: () => read(readPhones),
    batchCreate: async (group, phones) => createOutcomeOf(await client.batchCreatePhones({ ...group, phones })),
    batchDelete: async (ids) => createOutcomeOf(await client.batchDeletePhones(ids)),
    probe: () => client.reachable(),
    requestCount: () => client.requestCount(),
  };
}
