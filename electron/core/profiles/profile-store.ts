import { z } from 'zod';
import { AppFailure, pbxProfileIdSchema } from '../../../shared/contract';
import type { DocumentSpec, Store, StoredDocument } from '../store';

/**
 * A PBX profile as stored: everything needed to reach the PBX except the Client Secret, which lives only in
 * the OS keychain (account = profile id). The pin keeps the chain seen when the technician trusted it, so the
 * client can use it as its only trust anchor without fetching it again.
 */
export const storedProfileSchema = z.object({
  id: pbxProfileIdSchema,
  name: z.string().min(1).max(100),
  /** Normalised by shared/domain/pbx-url.ts. */
  baseUrl: z.string().min(1),
  clientId: z.string().min(1).max(200),
  pin: z
    .object({
      fingerprint256: z.string(),
      chainPem: z.array(z.string()),
      pinnedAt: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A stored PBX profile. */
export type StoredProfile = z.infer<typeof storedProfileSchema>;

const profilesDocumentSchema = z.object({ profiles: z.array(storedProfileSchema) });

type ProfilesDocument = z.infer<typeof profilesDocumentSchema>;

/** The profiles file, relative to the data directory. */
export const PROFILES_FILE = 'pbx-profiles.json';

/**
 * Profiles have their own document rather than a key in settings: they are a list with their own life
 * (pins, later migrations), a damaged settings file must not cost the profiles, and a restore notice can
 * say exactly what came back.
 */
export const profilesSpec: DocumentSpec<ProfilesDocument> = {
  kind: 'pbx-profiles',
  schema: profilesDocumentSchema,
  migrations: [],
  title: 'The PBX profiles file',
  describe: (doc) => `${doc.profiles.length} PBX profile${doc.profiles.length === 1 ? '' : 's'}`,
  pretty: true,
};

/** The PBX profiles, loaded on first use; every change is saved before the call returns. */
export class ProfileRepository {
  private loaded: StoredDocument<ProfilesDocument> | undefined;

  constructor(private readonly store: Store) {}

  /** Every profile, by name. */
  list(): StoredProfile[] {
    return [...this.doc().value.profiles].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One profile, or undefined. */
  find(id: string): StoredProfile | undefined {
    return this.doc().value.profiles.find((p) => p.id === id);
  }

  /** One profile; `not-found` when there is none with this id. */
  get(id: string): StoredProfile {
    const profile = this.find(id);
    if (!profile) {
      throw new AppFailure('not-found', 'This PBX profile does not exist (any more). It may have been deleted in another window.', { hint: 'Reload the PBX profiles.' });
    }
    return profile;
  }

  /** Adds or replaces a profile (by id). */
  put(profile: StoredProfile): StoredProfile {
    this.doc().update((doc) => ({ profiles: [...doc.profiles.filter((p) => p.id !== profile.id), profile] }));
    return profile;
  }

  /** Removes a profile; false when it was not there. */
  remove(id: string): boolean {
    if (!this.find(id)) return false;
    this.doc().update((doc) => ({ profiles: doc.profiles.filter((p) => p.id !== id) }));
    return true;
  }

  private doc(): StoredDocument<ProfilesDocument> {
    this.loaded ??= this.store.open(PROFILES_FILE, profilesSpec, {
      initial: () => ({ profiles: [] }),
      whenLost: 'No PBX profiles are listed: add them again (address, Client ID and Secret)',
    });
    return this.loaded;
  }
}
