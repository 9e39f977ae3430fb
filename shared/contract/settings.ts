import { z } from 'zod';
import { event, request } from './define';

/** Colour themes; `system` follows the OS light/dark setting. */
export const THEMES = ['system', 'light', 'dark'] as const;
/** A colour theme. */
export type Theme = (typeof THEMES)[number];

/**
 * The app's settings. Every key has a default, so a key added later needs no migration: files
 * written before it simply get the default.
 */
export const settingsSchema = z.object({
  theme: z.enum(THEMES).default('system'),
  /** The project to reopen at start; null when none. */
  lastProjectId: z.string().min(1).nullable().default(null),
  /** The technician's name, printed on hand-over reports. */
  technicianName: z.string().max(200).default(''),
});

/** The app's settings. */
export type Settings = z.infer<typeof settingsSchema>;

/** Requests about settings. */
export const settingsRequests = {
  'settings:get': request({
    summary: 'The current settings.',
    input: z.object({}).strict(),
    output: settingsSchema,
  }),
  'settings:update': request({
    summary: 'Changes some settings and returns them all; keys left out keep their value.',
    input: z
      .object({
        theme: z.enum(THEMES).optional(),
        lastProjectId: z.string().min(1).nullable().optional(),
        technicianName: z.string().trim().max(200, 'A name can be at most 200 characters.').optional(),
      })
      .strict(),
    output: settingsSchema,
  }),
} as const;

/** Events about settings. */
export const settingsEvents = {
  'settings:changed': event({ summary: 'Settings changed (in this or another window).', payload: settingsSchema }),
} as const;
