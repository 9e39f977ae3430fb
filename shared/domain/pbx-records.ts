/**
 * The PBX's extensions, phones and compatibility options as the app uses them, parsed leniently from the
 * OpenAPI's wire rows (`Ext_Basicinfo`, `Phone_Info`, compatibility `{text, value, type}`).
 */
import { z } from 'zod';

/** An extension: `id` is what phone APIs call `ext_id`; `number` is what people dial. */
export const pbxExtensionSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  name: z.string(),
});

/** An extension on the PBX. */
export type PbxExtension = z.infer<typeof pbxExtensionSchema>;

/** A phone in the PBX's Auto Provisioning list. Unassigned phones have null extension fields. Field names follow the snapshot's. */
export const pbxPhoneSchema = z.object({
  id: z.number().int(),
  /** As the PBX returns it; compare with `macKey` (shared/sync/settle) or `sameMac` (shared/domain/mac). */
  mac: z.string(),
  vendor: z.string(),
  model: z.string(),
  template: z.string(),
  /** Empty on Cloud Edition and for phones not provisioned by PnP. */
  ip: z.string(),
  firmware: z.string(),
  /** `Registered` / `Unregistered` (other values kept as sent). */
  status: z.string(),
  /** Extension number, or null for `Unassigned`. */
  extension: z.string().nullable(),
  extensionName: z.string().nullable(),
  rpsPin: z.string(),
});

/** A phone on the PBX. */
export type PbxPhone = z.infer<typeof pbxPhoneSchema>;

/** One option of `auto_provisioning/compatibility`: use `value` in later calls, show `text`. */
export const compatOptionSchema = z.object({ text: z.string(), value: z.string(), type: z.string() });

/** A compatibility option. */
export type CompatOption = z.infer<typeof compatOptionSchema>;

/** The literal the PBX puts in `assigned_ext_num` / `assigned_ext_name` for a phone with no extension. */
export const UNASSIGNED = 'Unassigned';

const text = z.union([z.string(), z.number()]).transform(String).optional().catch(undefined);
const intId = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number).pipe(z.number().int());

const extensionRow = z.object({ id: intId, number: z.union([z.string(), z.number()]).transform(String), caller_id_name: text });
const phoneRow = z.object({
  id: intId,
  mac: z.string(),
  vendor: text,
  model: text,
  template_name: text,
  ip: text,
  firmware: text,
  assigned_ext_status: text,
  assigned_ext_num: text,
  assigned_ext_name: text,
  rps_pin: text,
});
const optionRow = z.object({ text: text, value: z.union([z.string(), z.number()]).transform(String), type: text });

/** Parses one `extension/list` / `extension/search` row; null when it lacks an id or number. */
export function parseExtensionRow(row: unknown): PbxExtension | null {
  const parsed = extensionRow.safeParse(row);
  if (!parsed.success) return null;
  return { id: parsed.data.id, number: parsed.data.number.trim(), name: parsed.data.caller_id_name ?? '' };
}

function assigned(value: string | undefined): string | null {
  return value === undefined || value === '' || value === UNASSIGNED ? null : value;
}

/** Parses one `phone/search` row; null when it lacks an id or MAC. */
export function parsePhoneRow(row: unknown): PbxPhone | null {
  const parsed = phoneRow.safeParse(row);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    id: r.id,
    mac: r.mac,
    vendor: r.vendor ?? '',
    model: r.model ?? '',
    template: r.template_name ?? '',
    ip: r.ip ?? '',
    firmware: r.firmware ?? '',
    status: r.assigned_ext_status ?? '',
    extension: assigned(r.assigned_ext_num),
    extensionName: assigned(r.assigned_ext_name),
    rpsPin: r.rps_pin ?? '',
  };
}

/** Parses one compatibility option; null when it has no value. */
export function parseCompatOption(row: unknown): CompatOption | null {
  const parsed = optionRow.safeParse(row);
  if (!parsed.success) return null;
  return { text: parsed.data.text ?? parsed.data.value, value: parsed.data.value, type: parsed.data.type ?? '' };
}

/**
 * The extension whose number is exactly `number` (after trimming), never a prefix or substring match:
 * "10" does not match "100" even when the PBX's search returned both.
 */
export function exactExtension(extensions: readonly PbxExtension[], number: string): PbxExtension | null {
  const wanted = number.trim();
  if (wanted === '') return null;
  return extensions.find((e) => e.number === wanted) ?? null;
}
