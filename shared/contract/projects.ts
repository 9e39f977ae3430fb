import { z } from 'zod';
import { projectSchema, projectSummarySchema, rowSchema } from '../domain/project';
import { event, request } from './define';

/** A project id: letters, digits, `-` and `_` only, because it names the project's folder on disk. */
export const projectIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a valid project id.');

/** A project name as typed: trimmed, never empty. Two projects may share a name (lists show dates). */
export const projectNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the project a name (it cannot be empty).')
  .max(200, 'A project name can be at most 200 characters.');

/** Most rows one project may hold: far above any site, low enough to keep a save well under a second. */
export const MAX_ROWS = 20_000;

/** The rows of a project as the grid saves them: every row valid, row ids unique. */
export const projectRowsSchema = z
  .array(rowSchema)
  .max(MAX_ROWS, `A project can hold at most ${MAX_ROWS} rows.`)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (seen.has(row.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `Row id "${row.id}" appears twice.` });
      seen.add(row.id);
    });
  });

const byId = z.object({ id: projectIdSchema }).strict();

/** Requests about site projects. */
export const projectRequests = {
  'projects:list': request({
    summary: 'Every project (archived ones flagged), most recently changed first, without rows.',
    input: z.object({}).strict(),
    output: z.object({ projects: z.array(projectSummarySchema) }),
  }),
  'projects:create': request({
    summary: 'Creates an empty project.',
    input: z.object({ name: projectNameSchema, pbxProfileId: z.string().min(1).nullable().optional(), notes: z.string().max(20_000).optional() }).strict(),
    output: projectSummarySchema,
  }),
  'projects:get': request({ summary: 'One project with all its rows.', input: byId, output: projectSchema }),
  'projects:rename': request({
    summary: 'Renames a project.',
    input: z.object({ id: projectIdSchema, name: projectNameSchema }).strict(),
    output: projectSummarySchema,
  }),
  'projects:update': request({
    summary: 'Changes a project’s notes and/or PBX profile.',
    input: z.object({ id: projectIdSchema, notes: z.string().max(20_000).optional(), pbxProfileId: z.string().min(1).nullable().optional() }).strict(),
    output: projectSummarySchema,
  }),
  'projects:duplicate': request({
    summary:
      'Copies a project as a new one named "… (copy)": same PBX profile, notes and planned rows (new row ids, every row back to draft). ' +
      'With keepMacs false the copy is a template: MACs, serial numbers and RPS PINs (which identify physical phones) are left empty.',
    input: z.object({ id: projectIdSchema, name: projectNameSchema.optional(), keepMacs: z.boolean().default(true) }).strict(),
    output: projectSummarySchema,
  }),
  'projects:archive': request({ summary: 'Archives a project (kept, hidden from the main list by the UI).', input: byId, output: projectSummarySchema }),
  'projects:unarchive': request({ summary: 'Brings an archived project back.', input: byId, output: projectSummarySchema }),
  'projects:delete': request({
    summary: 'Deletes a project after the technician confirmed: its folder moves to projects/.trash, nothing is destroyed.',
    input: z
      .object({
        id: projectIdSchema,
        confirm: z.literal(true, { error: 'Deleting a project needs confirm: true, after asking the technician.' }),
      })
      .strict(),
    output: z.object({ id: projectIdSchema, trashedAs: z.string() }),
  }),
  'projects:save-rows': request({
    summary:
      'Replaces all rows of a project. Pass the updatedAt you loaded as expectedUpdatedAt: if the project changed since ' +
      '(another window, the sync), the save is refused with `conflict` instead of overwriting that change.',
    input: z.object({ id: projectIdSchema, rows: projectRowsSchema, expectedUpdatedAt: z.string().optional() }).strict(),
    output: z.object({ updatedAt: z.string(), rowCount: z.number().int().nonnegative() }),
  }),
  'projects:export': request({
    summary: 'The project as one JSON file to hand a site to another technician (no secrets in it); the UI saves `text` as `fileName`.',
    input: byId,
    output: z.object({ fileName: z.string(), text: z.string() }),
  }),
  'projects:import': request({
    summary:
      'Creates a NEW project from an export file’s text (importing twice gives two projects). Malformed files get an error naming the problem. A PBX profile this computer does not have is dropped and `notice` says to choose the site’s PBX.',
    input: z.object({ text: z.string().max(60_000_000, 'The file is too large to be a project export.') }).strict(),
    output: projectSummarySchema.extend({ notice: z.string().nullable() }),
  }),
} as const;

/** Events about projects, so every window shows the same list. */
export const projectEvents = {
  'projects:changed': event({ summary: 'A project was created, imported or changed.', payload: projectSummarySchema }),
  'projects:deleted': event({ summary: 'A project was deleted (moved to the trash).', payload: z.object({ id: projectIdSchema }) }),
} as const;
