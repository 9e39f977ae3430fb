import { z } from 'zod';

/**
 * Message shapes for transports that carry the contract as data (the browser shell's WebSocket).
 * Electron IPC carries the same request/response pairs natively, one named function per channel.
 */
export const wireRequestSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  payload: z.unknown(),
});

/** A request sent by the UI. */
export type WireRequest = z.infer<typeof wireRequestSchema>;

/** Messages sent by the UI over a data transport. */
export const wireClientMessageSchema = z.discriminatedUnion('type', [
  wireRequestSchema,
  z.object({ type: z.literal('ready') }),
]);

/** A message from the UI. */
export type WireClientMessage = z.infer<typeof wireClientMessageSchema>;

/** Messages sent by the core over a data transport. */
export type WireServerMessage =
  | { type: 'response'; id: number; result: unknown }
  | { type: 'event'; event: string; payload: unknown };
