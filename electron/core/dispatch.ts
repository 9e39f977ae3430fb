import { type z } from 'zod';
import {
  AppFailure,
  type Channel,
  type ParsedInput,
  type RequestOutput,
  type Result,
  fail,
  isChannel,
  ok,
  requests,
} from '../../shared/contract';
import type { Logger } from './log';

/** Handles one channel: gets validated input, returns the output or throws an {@link AppFailure}. */
export type Handler<C extends Channel> = (input: ParsedInput<C>) => Promise<RequestOutput<C>> | RequestOutput<C>;

/** A handler for every channel of the contract; the type makes a missing one a compile error. */
export type Handlers = { [C in Channel]: Handler<C> };

/** A handler for some channels: what each domain module provides. */
export type PartialHandlers<C extends Channel> = { [K in C]: Handler<K> };

/** Calls a channel with an untrusted payload and always resolves to a result. */
export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

/** Turns zod issues into the per-field list the UI shows. */
export function validationFields(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(request)', message: issue.message }));
}

/**
 * Builds the single entry point every shell uses: it checks the channel, validates the payload
 * against the contract, runs the handler, and converts every failure into a result.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      const name = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : `of type ${typeof channel}`;
      return fail('unknown-channel', `There is no request called ${name}.`);
    }
    const def = requests[channel];
    const parsed = def.input.safeParse(payload ?? {});
    if (!parsed.success) {
      const fields = validationFields(parsed.error);
      return fail('validation', `The request ${channel} was not valid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, { fields });
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.toAppError() };
      log.error('handler failed', { channel, error });
      return fail('internal', `Something went wrong in ${channel}. The details are in the log file.`);
    }
  };
}
