import { z } from 'zod';

/**
 * Every error code that can cross the boundary between the core and a shell.
 * The UI maps each one to words and an action; keep the list short and meaningful.
 */
export const ERROR_CODES = [
  'validation', // the request did not match its schema
  'unknown-channel', // no such request in the contract
  'not-found', // the thing asked for does not exist
  'conflict', // the change clashes with existing data
  'storage', // the data directory cannot be read or written
  'keychain-unavailable', // no OS keychain: secrets live in memory only
  'pbx-auth', // Client ID / Secret refused: never retried automatically
  'pbx-blocked', // the PBX blocks or does not allow this IP
  'pbx-unreachable', // network down, DNS, timeout, refused
  'pbx-tls-untrusted', // certificate not trusted: the technician must review and pin it
  'pbx-tls-changed', // pinned certificate changed: refuse until re-pinned
  'pbx-rejected', // the PBX answered with an error code
  'pbx-bad-response', // non-JSON, HTML, captive portal, proxy page
  'serial', // serial port cannot be opened or read
  'network', // local network operation failed (discovery)
  'cancelled', // the user or a shutdown cancelled the work
  'disconnected', // the UI lost its connection to the core (browser shell)
  'internal', // a bug: logged, reported in general terms
] as const;

/** A code from {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Schema of an error that crossed the boundary. */
export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** What the technician can do about it, when there is something. */
  hint: z.string().optional(),
  /** Per-field problems for validation errors: dotted path and message. */
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** An error as the UI receives it: a code for logic, a message and hint for people. */
export type AppError = z.infer<typeof appErrorSchema>;

/** What every request returns: data, or an error. Never an exception. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

/** An error's message and hint as one text (the hint says what to do), joined by `separator`. */
export function errorText(error: { readonly message: string; readonly hint?: string | undefined }, separator = ' '): string {
  return error.hint ? `${error.message}${separator}${error.hint}` : error.message;
}

/** Builds a success result. */
export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

/** Builds a failure result. */
export function fail<T = never>(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Result<T> {
  return { ok: false, error: { code, message, ...extra } };
}

/**
 * An expected failure thrown inside the core and turned into a failure result at the boundary.
 * Core services may throw it; shells never see it as an exception.
 */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly fields: AppError['fields'];

  constructor(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.hint = extra.hint;
    this.fields = extra.fields;
  }

  /** The error in its boundary form. */
  toAppError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.hint !== undefined) error.hint = this.hint;
    if (this.fields !== undefined) error.fields = this.fields;
    return error;
  }
}
