import type { z } from 'zod';

/** One request the UI can make of the core: input and output schemas, and what it does. */
export interface RequestDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

/** One event the core pushes to the UI. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly summary: string;
}

/** Declares a request; the identity function keeps the schema types precise. */
export function request<I extends z.ZodType, O extends z.ZodType>(def: RequestDef<I, O>): RequestDef<I, O> {
  return def;
}

/** Declares an event. */
export function event<P extends z.ZodType>(def: EventDef<P>): EventDef<P> {
  return def;
}
