/**
 * Seed data: several hundred extensions with realistic names, a few dozen phones already on the PBX, and the
 * compatibility data. Deterministic (a seeded PRNG), so tests and demos see the same PBX every run.
 * `loadSeedFile` reads other data from JSON (`onsite pbx-sim --seed FILE`).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defaultCompatibility } from './compat';
import type { CompatVendor, SeedData, SimExtension, SimPhone } from './types';

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Elif', 'Farah', 'Gustavo', 'Hana', 'Ivan', 'Jasmin', 'Kwame', 'Lena', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tariq', 'Ursula', 'Viktor', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Aiko', 'Bruno', 'Carmen', 'Daniel', 'Emma', 'Felix', 'Grace', 'Hugo', 'Isabel', 'Jonas', 'Kira', 'Luca', 'Maya', 'Noah'];
const LAST = ['Lopez', 'Becker', 'Martin', 'Ivanov', 'Yilmaz', 'Haddad', 'Silva', 'Tanaka', 'Novak', 'Schmidt', 'Mensah', 'Larsen', 'Rossi', 'Kowalski', 'Berg', 'Sharma', 'Dubois', 'Garcia', 'Nilsson', 'Khan', 'Weber', 'Petrov', 'Chen', 'Ortega', 'Demir', 'Fischer', 'Sato', 'Costa', 'Morales', 'Keller', 'Moreau', 'Meyer', "O'Brien", 'Hoffmann', 'Santos', 'Jensen', 'Popescu', 'Bianchi', 'Patel', 'Nguyen'];
const ROOMS = ['Reception', 'Meeting Room 1', 'Meeting Room 2', 'Boardroom', 'Warehouse', 'Lobby', 'Kitchen', 'Security Desk', 'IT Helpdesk', 'Training Room'];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** `count` extensions numbered from `firstNumber`, with ids from `firstId` and realistic caller-ID names. */
export function generateExtensions(count: number, firstNumber = 1000, firstId = 1, seed = 7): SimExtension[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const first = pick(FIRST, random);
    const last = pick(LAST, random);
    const email = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
    return {
      id: firstId + i,
      number: String(firstNumber + i),
      caller_id_name: `${first} ${last}`,
      email_addr: `${email}@example.com`,
      mobile_number: '',
      role_name: i === 0 ? 'Super Admin' : 'Employee',
      presence_status: 'available',
    };
  });
}

const OUI: Record<string, string[]> = {
  Yealink: ['80:5E:C0', '24:9A:D8', '44:DB:D2'],
  Fanvil: ['0C:38:3E'],
  Grandstream: ['C0:74:AD', '00:0B:82'],
  Snom: ['00:04:13'],
};

/** A MAC with the vendor's real OUI and a serial-looking tail, upper case with colons. */
export function vendorMac(vendor: string, serial: number): string {
  const oui = (OUI[vendor] ?? ['02:00:00'])[serial % (OUI[vendor]?.length ?? 1)] ?? '02:00:00';
  const tail = (serial & 0xffffff).toString(16).padStart(6, '0').toUpperCase();
  return `${oui}:${tail.slice(0, 2)}:${tail.slice(2, 4)}:${tail.slice(4, 6)}`;
}

/**
 * `count` phones spread over vendors and models, assigned round-robin to `extensions` (at most `perExtension`
 * each; leftovers are unassigned), with ids from `firstId`.
 */
export function generatePhones(count: number, extensions: readonly SimExtension[], options: { firstId?: number; perExtension?: number; seed?: number; compatibility?: CompatVendor[] } = {}): SimPhone[] {
  const random = prng(options.seed ?? 11);
  const compat = options.compatibility ?? defaultCompatibility();
  const perExtension = options.perExtension ?? 1;
  const firstId = options.firstId ?? 1;
  return Array.from({ length: count }, (_, i) => {
    const vendor = compat[i % compat.length] as CompatVendor;
    const model = pick(vendor.models, random);
    const slot = Math.floor(i / Math.max(1, extensions.length));
    const ext = slot < perExtension ? extensions[i % Math.max(1, extensions.length)] : undefined;
    const registered = ext !== undefined && random() < 0.6;
    return {
      id: firstId + i,
      mac: vendorMac(vendor.value, 0x100000 + i * 7919),
      vendor: vendor.value,
      model: model.value,
      template_name: model.templates[0] ?? '',
      provisioning_method: model.methods.includes('pnp') ? 'pnp' : 'rps',
      enb_rps_auth: 0,
      ext_id: ext?.id ?? null,
      ip: '',
      firmware: registered ? `${vendor.value === 'Yealink' ? '96.86.0.' : '2.4.'}${10 + (i % 60)}` : '',
      assigned_ext_status: registered ? 'Registered' : 'Unregistered',
      rps_pin: '',
    };
  });
}

/** The default PBX: 400 staff extensions (1000–1399), 10 room extensions (2000–2009), 36 phones, four vendors. */
export function defaultSeed(): SeedData {
  const staff = generateExtensions(400, 1000, 1);
  const rooms = ROOMS.map((name, i): SimExtension => ({ id: 401 + i, number: String(2000 + i), caller_id_name: name, email_addr: '', mobile_number: '', role_name: 'Employee', presence_status: 'available' }));
  const extensions = [...staff, ...rooms];
  const phones = generatePhones(36, extensions.slice(0, 30), { perExtension: 1 });
  return { extensions, phones, compatibility: defaultCompatibility() };
}

const methodSchema = z.enum(['pnp', 'dhcp', 'rps', 'rps_fqdn']);
const seedFileSchema = z.object({
  extensions: z.array(z.object({
    id: z.number().int().positive(),
    number: z.string().regex(/^\d{1,7}$/, 'extension numbers are 1 to 7 digits'),
    caller_id_name: z.string().default(''),
    email_addr: z.string().default(''),
    mobile_number: z.string().default(''),
    role_name: z.string().default('Employee'),
    presence_status: z.string().default('available'),
  }).strict()).optional(),
  phones: z.array(z.object({
    id: z.number().int().positive(),
    mac: z.string().regex(/^[0-9a-fA-F]{2}([:-]?[0-9a-fA-F]{2}){5}$/, 'not a MAC address'),
    vendor: z.string(),
    model: z.string(),
    template_name: z.string(),
    provisioning_method: methodSchema.default('pnp'),
    enb_rps_auth: z.union([z.literal(0), z.literal(1)]).default(0),
    ext_id: z.number().int().nullable().default(null),
    ip: z.string().default(''),
    firmware: z.string().default(''),
    assigned_ext_status: z.enum(['Registered', 'Unregistered']).default('Unregistered'),
    rps_pin: z.string().default(''),
  }).strict()).optional(),
  compatibility: z.array(z.object({
    value: z.string().min(1),
    text: z.string(),
    type: z.string().default('Deskphone'),
    models: z.array(z.object({ value: z.string().min(1), type: z.string().default('Deskphone'), templates: z.array(z.string()).min(1), methods: z.array(methodSchema).min(1) }).strict()),
  }).strict()).optional(),
}).strict();

/**
 * Parses seed JSON. Sections left out fall back to the defaults (`extensions`, `compatibility`) or to none
 * (`phones`, when `extensions` is given, since default phones point at default extensions).
 */
export function parseSeed(json: unknown): SeedData {
  const parsed = seedFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`The seed file is not valid: ${problems.join('; ')}`);
  }
  const fallback = defaultSeed();
  const data = parsed.data;
  const seed: SeedData = {
    extensions: data.extensions ?? fallback.extensions,
    phones: data.phones ?? (data.extensions ? [] : fallback.phones),
    compatibility: data.compatibility ?? fallback.compatibility,
  };
  const extIds = new Set(seed.extensions.map((e) => e.id));
  const bad = seed.phones.find((p) => p.ext_id !== null && !extIds.has(p.ext_id));
  if (bad) throw new Error(`The seed file is not valid: phone ${bad.id} points at extension id ${bad.ext_id}, which is not in "extensions".`);
  return seed;
}

/** Reads and parses a seed JSON file. */
export function loadSeedFile(path: string): SeedData {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the seed file ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return parseSeed(json);
}
