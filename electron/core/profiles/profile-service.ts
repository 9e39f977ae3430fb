import { randomUUID } from 'node:crypto';
import { AppFailure, type PbxProfileView, type PbxSnapshotView, type RequestOutput } from '../../../shared/contract';
import { normalizeFingerprint, sameFingerprint } from '../../../shared/domain/fingerprint';
import { type PbxAddress, parsePbxBaseUrl } from '../../../shared/domain/pbx-url';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import { probeCertificate } from '../pbx';
import type { ProjectService } from '../projects/project-service';
import { type SnapshotCache, cacheInfo } from './cache';
import type { ProfileRepository, StoredProfile } from './profile-store';
import { fetchSnapshot } from './refresh';
import type { PbxRegistry } from './registry';
import type { ProfileSecrets } from './secrets';

/** What the technician typed to create or change a profile (already trimmed by the contract). */
export interface ProfileInput {
  readonly id?: string | undefined;
  readonly name: string;
  readonly baseUrl: string;
  readonly clientId: string;
  /** Absent on update: keep the stored secret. */
  readonly secret?: string | undefined;
}

/** The services the profile service works with. */
export interface ProfileServiceDeps {
  readonly profiles: ProfileRepository;
  readonly secrets: ProfileSecrets;
  readonly registry: PbxRegistry;
  readonly cache: SnapshotCache;
  readonly projects: ProjectService;
  readonly events: EventHub;
  readonly log: Logger;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

function parseAddress(baseUrl: string): PbxAddress {
  const parsed = parsePbxBaseUrl(baseUrl);
  if (!parsed.ok) throw new AppFailure('validation', parsed.message, { fields: [{ path: 'baseUrl', message: parsed.message }] });
  return parsed.address;
}

function httpsOnly(profile: StoredProfile): void {
  if (!profile.baseUrl.startsWith('https://')) {
    throw new AppFailure('validation', `“${profile.name}” uses http://, so there is no certificate to check or trust.`, {
      hint: 'Use the PBX\'s https:// address (port 8088 by default on an appliance) so the connection is encrypted.',
    });
  }
}

/**
 * PBX profiles: name, address, Client ID and certificate pin in the store; the Client Secret only in the OS
 * keychain (or memory); test connection, certificate trust and the offline cache. Every answer to the UI says
 * only whether a secret is stored, never the secret.
 */
export class ProfileService {
  private readonly refreshing = new Map<string, Promise<PbxSnapshotView>>();
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly deps: ProfileServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  /** Every profile as the UI sees it, and where secrets are kept this run. */
  async list(): Promise<RequestOutput<'pbx:profiles'>> {
    const storage = await this.deps.secrets.storage();
    const profiles = [];
    for (const profile of this.deps.profiles.list()) profiles.push(await this.view(profile));
    return { storage, profiles };
  }

  /** Creates or updates a profile; the secret goes to the keychain first, so a refused keychain saves nothing. */
  async save(input: ProfileInput): Promise<RequestOutput<'pbx:save-profile'>> {
    if (input.secret !== undefined) this.deps.log.addSecret(input.secret);
    const address = parseAddress(input.baseUrl);
    const existing = input.id === undefined ? undefined : this.deps.profiles.get(input.id);
    const clash = this.deps.profiles.list().find((p) => p.id !== existing?.id && p.name.toLowerCase() === input.name.toLowerCase());
    if (clash) {
      const message = `There is already a PBX profile called “${clash.name}”.`;
      throw new AppFailure('conflict', message, { fields: [{ path: 'name', message }], hint: 'Give this profile another name, e.g. the site or customer.' });
    }
    const id = existing?.id ?? this.newId();
    const at = this.now().toISOString();
    const addressChanged = existing !== undefined && existing.baseUrl !== address.baseUrl;
    const credentialsChanged = existing === undefined || existing.clientId !== input.clientId || input.secret !== undefined;
    const next: StoredProfile = {
      id,
      name: input.name,
      baseUrl: address.baseUrl,
      clientId: input.clientId,
      pin: addressChanged ? null : (existing?.pin ?? null),
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    if (input.secret !== undefined) await this.deps.secrets.set(id, input.secret);
    try {
      this.deps.profiles.put(next);
    } catch (error) {
      // A new profile that could not be saved must not leave its secret behind in the keychain.
      if (!existing && input.secret !== undefined) await this.deps.secrets.delete(id).catch(() => false);
      throw error;
    }
    if (addressChanged) this.deps.cache.remove(id);
    if (credentialsChanged || addressChanged) await this.deps.registry.forget(id, { keepRefusal: !credentialsChanged });
    this.deps.events.emit('pbx:profiles-changed', { profileId: id, deleted: false });
    const notes = [...address.notes];
    if (addressChanged && existing.pin) notes.push('The trusted certificate was cleared because the address changed: check the certificate of the new address.');
    if (!existing && input.secret === undefined) notes.push('No Client Secret was entered: add it before testing the connection.');
    return { profile: await this.view(next), notes };
  }

  /**
   * Deletes a profile: token revoked, keychain entry and cache removed. Projects that use it are a conflict,
   * unless `detachProjects`, which leaves them without a PBX profile (named in the answer).
   */
  async delete(id: string, detachProjects: boolean): Promise<RequestOutput<'pbx:delete-profile'>> {
    const profile = this.deps.profiles.get(id);
    const users = this.usedBy(id);
    if (users.length > 0 && !detachProjects) {
      const names = users.map((p) => `“${p.name}”`).join(', ');
      throw new AppFailure('conflict', `“${profile.name}” is used by ${users.length === 1 ? 'the project' : `${users.length} projects:`} ${names}.`, {
        hint: 'Choose another PBX profile for those projects first, or delete it anyway: the projects then have no PBX profile until you choose one.',
      });
    }
    await this.deps.registry.forget(id);
    await this.deps.secrets.delete(id);
    for (const project of users) this.deps.projects.update(project.id, { pbxProfileId: null });
    this.deps.profiles.remove(id);
    this.deps.cache.remove(id);
    this.deps.events.emit('pbx:profiles-changed', { profileId: id, deleted: true });
    return { id, detachedProjects: users };
  }

  /** The certificate an address presents, and whether this computer trusts it. No HTTP, no login. */
  async probe(baseUrl: string): Promise<RequestOutput<'pbx:probe-certificate'>> {
    const address = parseAddress(baseUrl);
    const { certificate, trusted, problem } = await probeCertificate(address.baseUrl);
    const { chainPem: _chain, ...facts } = certificate;
    return { baseUrl: address.baseUrl, certificate: { ...facts, subjectAltNames: [...facts.subjectAltNames] }, trusted, problem };
  }

  /**
   * Pins the certificate the technician checked, only if the PBX presents exactly that one now (the chain comes
   * from the core's own look, never from the UI). Also the re-pin after a change. The client is re-created.
   */
  async trust(id: string, fingerprint: string): Promise<PbxProfileView> {
    const profile = this.deps.profiles.get(id);
    httpsOnly(profile);
    const wanted = normalizeFingerprint(fingerprint);
    if (!wanted) throw new AppFailure('validation', 'Not a SHA-256 fingerprint.');
    const { certificate } = await probeCertificate(profile.baseUrl);
    if (!sameFingerprint(certificate.fingerprint256, wanted)) {
      throw new AppFailure('conflict', `The PBX now presents another certificate (${certificate.fingerprint256}) than the one you checked (${wanted}). Nothing was trusted.`, {
        hint: 'Look at the certificate again and compare its fingerprint with the PBX web portal before trusting it.',
      });
    }
    const next: StoredProfile = {
      ...profile,
      pin: { fingerprint256: certificate.fingerprint256, chainPem: [...certificate.chainPem], pinnedAt: this.now().toISOString() },
      updatedAt: this.now().toISOString(),
    };
    this.deps.profiles.put(next);
    this.deps.registry.repin(id, { fingerprint256: certificate.fingerprint256, chainPem: certificate.chainPem });
    this.deps.log.info('certificate pinned', { profileId: id, fingerprint256: certificate.fingerprint256, replaced: profile.pin?.fingerprint256 ?? null });
    this.deps.events.emit('pbx:profiles-changed', { profileId: id, deleted: false });
    return this.view(next);
  }

  /** The technician's "Test connection": at most one login attempt, also right after a refusal. */
  async testConnection(id: string): Promise<RequestOutput<'pbx:test-connection'>> {
    this.deps.profiles.get(id);
    const check = await this.deps.registry.use(id, (client) => client.testConnection(), { userAction: true });
    return { ...check, checkedAt: this.now().toISOString() };
  }

  /** Fetches everything into the offline cache; one refresh per profile at a time. Never logs in after a refusal. */
  refresh(id: string): Promise<PbxSnapshotView> {
    const running = this.refreshing.get(id);
    if (running) return running;
    const work = this.runRefresh(id).finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, work);
    return work;
  }

  /** The cached data of a profile with the age of each part: answers without the PBX. */
  snapshot(id: string): PbxSnapshotView {
    const profile = this.deps.profiles.get(id);
    const snapshot = this.deps.cache.snapshot(id, profile.baseUrl);
    const now = this.now().getTime();
    const age = (at: string | null): number | null => (at === null ? null : Math.max(0, now - Date.parse(at)));
    return {
      profileId: id,
      snapshot,
      ageMs: { compatibility: age(snapshot.compatibility.fetchedAt), extensions: age(snapshot.extensions.fetchedAt), phones: age(snapshot.phones.fetchedAt) },
      status: this.deps.registry.status(id),
    };
  }

  private async runRefresh(id: string): Promise<PbxSnapshotView> {
    const { baseUrl } = this.deps.profiles.get(id);
    const put = (change: Parameters<SnapshotCache['update']>[2]): void => void this.deps.cache.update(id, baseUrl, change);
    await this.deps.registry.use(id, (client) =>
      fetchSnapshot(
        client,
        {
          compatibility: (compatibility) => put((s) => ({ ...s, compatibility })),
          extensions: (extensions) => put((s) => ({ ...s, extensions })),
          phones: (phones) => put((s) => ({ ...s, phones })),
          progress: (p) => this.deps.events.emit('pbx:refresh-progress', { profileId: id, ...p }),
        },
        this.now,
      ),
    );
    return this.snapshot(id);
  }

  private usedBy(id: string): { id: string; name: string }[] {
    return this.deps.projects.list().filter((p) => p.pbxProfileId === id).map((p) => ({ id: p.id, name: p.name }));
  }

  private async view(profile: StoredProfile): Promise<PbxProfileView> {
    return {
      id: profile.id,
      name: profile.name,
      baseUrl: profile.baseUrl,
      clientId: profile.clientId,
      pin: profile.pin ? { fingerprint256: profile.pin.fingerprint256, pinnedAt: profile.pin.pinnedAt } : null,
      createdAt: profile.createdAt,
      updatedAt: profile.updatedAt,
      secretStored: await this.deps.secrets.has(profile.id),
      status: this.deps.registry.status(profile.id),
      cache: cacheInfo(this.deps.cache.snapshot(profile.id, profile.baseUrl)),
      usedBy: this.usedBy(profile.id),
    };
  }
}
