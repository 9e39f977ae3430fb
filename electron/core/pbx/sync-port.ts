import { formatMac, macHex } from '../../../shared/domain/mac';
import type { PbxPhone } from '../../../shared/domain/pbx-records';
import type { PbxSnapshot } from '../../../shared/domain/pbx-snapshot';
import type { GroupKey } from '../../../shared/sync/outbox';
import type { CreateOutcome, PbxPort, PbxTrouble, PhoneOnPbx, ReadResult } from '../queue/ports';
import type { PbxClient } from './client';
import type { WriteResult } from './connection';
import { PbxError } from './errors';

// Duplicate MAC and "extension already carries 5 phones": the row conflicts with what is on the PBX.
const CONFLICT_ERRCODES = new Set([40003, 60002]);

/**
 * What the sync engine must do about a failure. PbxTrouble has no kind for "the PBX refuses this request and
 * a person must act" (e.g. 10005 access denied, API disabled): those stop the sync like a credentials problem,
 * since they are fixed on the same PBX page (Integrations > API).
 */
export function troubleOf(error: unknown): PbxTrouble {
  if (!(error instanceof PbxError)) return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
  const reason = error.hint ? `${error.message} ${error.hint}` : error.message;
  if (error.code === 'pbx-blocked') return { kind: 'blocked', reason };
  if (error.code === 'pbx-tls-untrusted' || error.code === 'pbx-tls-changed') return { kind: 'tls', reason };
  if (error.transient || error.code === 'pbx-unreachable') return { kind: 'transient', reason };
  return { kind: 'auth', reason };
}

async function read<T>(work: () => Promise<T>): Promise<ReadResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (!(error instanceof PbxError)) throw error;
    return { ok: false, trouble: troubleOf(error) };
  }
}

/** Maps a client write result to what the engine acts on. */
export function createOutcomeOf(result: WriteResult): CreateOutcome {
  switch (result.outcome) {
    case 'applied':
      return { kind: 'created' };
    case 'partial':
      return { kind: 'partial', reason: [result.error.message, ...result.itemErrors.map((e) => `${e.mac}: ${e.message}`)].join(' ') };
    case 'unknown':
      return { kind: 'unknown', reason: result.error.message };
    case 'not-sent':
      return { kind: 'not-sent', trouble: troubleOf(result.error) };
    case 'rejected':
      // A busy PBX (70082) refused before doing anything: wait and resend, do not split the chunk.
      if (result.error.transient) return { kind: 'not-sent', trouble: troubleOf(result.error) };
      return { kind: 'rejected', reason: result.error.message, conflict: CONFLICT_ERRCODES.has(result.error.errcode ?? 0) };
  }
}

function canonicalMac(mac: string): string {
  const hex = macHex(mac);
  return hex ? formatMac(hex, 'colon-lower') : mac.toLowerCase();
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

  const readCompatibility = async (groups: readonly GroupKey[]): Promise<PbxSnapshot['compatibility']['vendors']> => {
    // Only what the queued groups need: vendors, then models and their templates/methods for those groups.
    const wanted = new Set(groups.map((g) => g.vendor));
    const vendors = (await client.getVendors()).filter((v) => wanted.has(v.value));
    const result: PbxSnapshot['compatibility']['vendors'] = [];
    for (const vendor of vendors) {
      const groupModels = new Set(groups.filter((g) => g.vendor === vendor.value).map((g) => g.model));
      const models = (await client.getModels(vendor.value)).filter((m) => groupModels.has(m.value));
      const withOptions = [];
      for (const model of models) {
        const templates = (await client.getTemplates(vendor.value, model.value)).map((t) => t.value);
        const methods = (await client.getMethods(vendor.value, model.value)).map((m) => m.value);
        withOptions.push({ value: model.value, text: model.text, templates, methods });
      }
      result.push({ value: vendor.value, text: vendor.text, models: withOptions });
    }
    return result;
  };

  return {
    readSnapshot: (groups) =>
      read(async () => {
        const vendors = await readCompatibility(groups);
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
