import { z } from 'zod';
import { normalizeFingerprint } from '../domain/fingerprint';
import { pbxSnapshotSchema } from '../domain/pbx-snapshot';
import { event, request } from './define';

/** A PBX profile id: letters, digits, `-` and `_` (it names the profile's cache file and keychain entry). */
export const pbxProfileIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a valid PBX profile id.');

/** A SHA-256 fingerprint as typed or pasted (`AB:CD:…`, `abcd…`, openssl's `SHA256 Fingerprint=…`). */
export const fingerprintInputSchema = z
  .string()
  .max(200)
  .refine((text) => normalizeFingerprint(text) !== null, 'Not a SHA-256 fingerprint: it must be 32 bytes in hex, e.g. AB:CD:EF:…');

/** Where Client Secrets are kept this run: the OS keychain, or memory only (with why and how to fix it). */
export const secretStorageSchema = z.object({
  mode: z.enum(['keychain', 'memory']),
  /** Why the keychain cannot be used and what to do; null in keychain mode. */
  reason: z.string().nullable(),
});

/** Where a PBX connection stands, as last seen. */
export const PBX_CONNECTION_STATES = [
  'connected',
  'needs-secret', // no Client Secret stored (memory mode after a restart, or never entered)
  'auth-refused', // Client ID / Secret refused: no login until the technician acts
  'blocked', // the PBX blocks or does not allow this computer's IP
  'unreachable',
  'tls-untrusted', // certificate not trusted and not pinned
  'tls-changed', // the pinned certificate was replaced
  'error', // any other refusal or unreadable answer
] as const;

/** One of {@link PBX_CONNECTION_STATES}. */
export type PbxConnectionState = (typeof PBX_CONNECTION_STATES)[number];

/** The last known state of one profile's connection, with words for the technician. */
export const pbxStatusSchema = z.object({
  profileId: pbxProfileIdSchema,
  state: z.enum(PBX_CONNECTION_STATES),
  message: z.string(),
  hint: z.string().optional(),
  checkedAt: z.string(),
  /** For `tls-changed`: the trusted fingerprint and the one the PBX presents now. */
  pinnedFingerprint: z.string().optional(),
  presentedFingerprint: z.string().optional(),
});

/** The state of one profile's connection. */
export type PbxStatus = z.infer<typeof pbxStatusSchema>;

/** When each part of a profile's offline cache was fetched, and how big it is. */
export const pbxCacheInfoSchema = z.object({
  compatibilityAt: z.string().nullable(),
  extensionsAt: z.string().nullable(),
  phonesAt: z.string().nullable(),
  vendorCount: z.number().int().nonnegative(),
  extensionCount: z.number().int().nonnegative(),
  phoneCount: z.number().int().nonnegative(),
});

/** A PBX profile as the UI sees it: never the Client Secret, only whether one is stored. */
export const pbxProfileViewSchema = z.object({
  id: pbxProfileIdSchema,
  name: z.string(),
  /** Normalised, e.g. `https://192.0.2.10:8088`. */
  baseUrl: z.string(),
  clientId: z.string(),
  /** The trusted (pinned) certificate of a self-signed PBX; null = the system's CAs decide. */
  pin: z.object({ fingerprint256: z.string(), pinnedAt: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  secretStored: z.boolean(),
  status: pbxStatusSchema.nullable(),
  cache: pbxCacheInfoSchema,
  /** Projects that sync to this profile. */
  usedBy: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** A PBX profile as the UI sees it. */
export type PbxProfileView = z.infer<typeof pbxProfileViewSchema>;

/** What a technician needs to decide whether to trust a PBX's certificate. */
export const certificateFactsSchema = z.object({
  fingerprint256: z.string(),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  subjectAltNames: z.array(z.string()),
  selfSigned: z.boolean(),
});

/** A profile's cached PBX data, with how old each part is. Answers offline. */
export const pbxSnapshotViewSchema = z.object({
  profileId: pbxProfileIdSchema,
  snapshot: pbxSnapshotSchema,
  /** Milliseconds since each part was fetched (null: never fetched). */
  ageMs: z.object({ compatibility: z.number().nullable(), extensions: z.number().nullable(), phones: z.number().nullable() }),
  status: pbxStatusSchema.nullable(),
});

/** A profile's cached PBX data with ages. */
export type PbxSnapshotView = z.infer<typeof pbxSnapshotViewSchema>;

const byId = z.object({ id: pbxProfileIdSchema }).strict();
const trimmed = (label: string, max: number) =>
  z.string().trim().min(1, `Enter the ${label}.`).max(max, `The ${label} can be at most ${max} characters.`);

/** Requests about PBX profiles, credentials, certificates and the offline cache. */
export const pbxRequests = {
  'pbx:profiles': request({
    summary: 'Every PBX profile (whether a Client Secret is stored, never the secret), and where secrets are kept this run.',
    input: z.object({}).strict(),
    output: z.object({ storage: secretStorageSchema, profiles: z.array(pbxProfileViewSchema) }),
  }),
  'pbx:save-profile': request({
    summary:
      'Creates (no id) or updates a PBX profile. The address is validated and normalised. The Client Secret goes to the OS keychain ' +
      '(or memory, see storage) and is never returned; leave it out on update to keep the stored one. A new address clears the certificate pin.',
    input: z
      .object({
        id: pbxProfileIdSchema.optional(),
        name: trimmed('profile name', 100),
        baseUrl: z.string().max(500, 'The address is too long.'),
        clientId: trimmed('Client ID', 200),
        secret: trimmed('Client Secret', 500).optional(),
      })
      .strict(),
    output: z.object({ profile: pbxProfileViewSchema, notes: z.array(z.string()) }),
  }),
  'pbx:delete-profile': request({
    summary:
      'Deletes a profile after the technician confirmed: its keychain entry, cache and token go too. Refused (conflict) while projects use it, ' +
      'unless detachProjects is true, which leaves those projects without a PBX profile.',
    input: z
      .object({
        id: pbxProfileIdSchema,
        confirm: z.literal(true, { error: 'Deleting a PBX profile needs confirm: true, after asking the technician.' }),
        detachProjects: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ id: pbxProfileIdSchema, detachedProjects: z.array(z.object({ id: z.string(), name: z.string() })) }),
  }),
  'pbx:probe-certificate': request({
    summary: 'Reads the certificate an https:// address presents (no HTTP sent, no login) and says whether this computer trusts it.',
    input: z.object({ baseUrl: z.string().max(500) }).strict(),
    output: z.object({ baseUrl: z.string(), certificate: certificateFactsSchema, trusted: z.boolean(), problem: z.string().nullable() }),
  }),
  'pbx:trust-certificate': request({
    summary:
      'Pins the certificate the technician checked: only if the PBX still presents exactly that fingerprint. Also the re-pin after a change.',
    input: z.object({ id: pbxProfileIdSchema, fingerprint256: fingerprintInputSchema }).strict(),
    output: pbxProfileViewSchema,
  }),
  'pbx:test-connection': request({
    summary:
      'Logs in (at most ONE login attempt per call, even after a refusal: this call is the technician\'s explicit retry) and counts extensions and phones.',
    input: byId,
    output: z.object({ extensionCount: z.number().int(), phoneCount: z.number().int(), elapsedMs: z.number(), checkedAt: z.string() }),
  }),
  'pbx:refresh': request({
    summary: 'Fetches the compatibility options (all vendors), extensions and phones into the offline cache. Never logs in after a refusal.',
    input: byId,
    output: pbxSnapshotViewSchema,
  }),
  'pbx:snapshot': request({
    summary: 'The cached PBX data of a profile with the age of each part. Works offline.',
    input: byId,
    output: pbxSnapshotViewSchema,
  }),
} as const;

/** Events about PBX profiles and connections. */
export const pbxEvents = {
  'pbx:status': event({ summary: 'A profile\'s connection state changed (connected, refused, blocked, unreachable, certificate…).', payload: pbxStatusSchema }),
  'pbx:snapshot-updated': event({
    summary: 'A profile\'s offline cache was updated (fetch with pbx:snapshot).',
    payload: pbxCacheInfoSchema.extend({ profileId: pbxProfileIdSchema }),
  }),
  'pbx:refresh-progress': event({
    summary: 'Progress of pbx:refresh: which part, how far.',
    payload: z.object({
      profileId: pbxProfileIdSchema,
      phase: z.enum(['compatibility', 'extensions', 'phones', 'done']),
      done: z.number().int().nonnegative(),
      total: z.number().int().nonnegative().nullable(),
    }),
  }),
  'pbx:profiles-changed': event({
    summary: 'A profile was created, changed or deleted (in this or another window).',
    payload: z.object({ profileId: pbxProfileIdSchema, deleted: z.boolean() }),
  }),
} as const;
