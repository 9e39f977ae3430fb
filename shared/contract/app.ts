import { z } from 'zod';
import { event, request } from './define';

/** Something the technician must be told about that did not come from their last action (e.g. a recovered store). */
export const noticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  title: z.string(),
  message: z.string(),
  at: z.string(),
});

/** A notice as shown in the UI. */
export type Notice = z.infer<typeof noticeSchema>;

/** Which face of the core the UI is running in. */
export const shellKindSchema = z.enum(['electron', 'web']);

/** Requests about the app itself. */
export const appRequests = {
  'app:info': request({
    summary: 'Product name, version, shell and data directory, with any pending notices.',
    input: z.object({}).strict(),
    output: z.object({
      productName: z.string(),
      version: z.string(),
      shell: shellKindSchema,
      dataDir: z.string(),
      notices: z.array(noticeSchema),
    }),
  }),
  'app:open-external': request({
    summary:
      'Opens a web address in the system browser: only the web portal of a configured PBX profile or Yeastar\'s help pages (checked in the core). ' +
      'opened is false where the shell cannot open it (the browser shell): the page then opens the returned url itself, with noopener.',
    input: z.object({ url: z.string().min(1).max(2000) }).strict(),
    output: z.object({ url: z.string(), opened: z.boolean() }),
  }),
  'app:dismiss-notice': request({
    summary: 'Marks a notice as read so it is not shown again this run.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ dismissed: z.boolean() }),
  }),
} as const;

/** Events about the app itself. */
export const appEvents = {
  'app:notice': event({ summary: 'A new notice for the technician.', payload: noticeSchema }),
} as const;
