/**
 * The one contract between the core and its shells (Electron IPC, browser WebSocket, CLI).
 * Each domain declares its requests and events in its own file; this file only joins them.
 */
import type { z } from 'zod';
import { appEvents, appRequests } from './app';
import { barcodeRequests } from './barcode';
import { projectEvents, projectRequests } from './projects';
import { queueEvents, queueRequests } from './queue';
import { settingsEvents, settingsRequests } from './settings';
import { discoveryEvents, discoveryRequests } from './discovery';
import { pbxEvents, pbxRequests } from './pbx';
import { scannerEvents, scannerRequests } from './scanner';

export * from './result';
export * from './define';
export * from './app';
export * from './barcode';
export * from './projects';
export * from './queue';
export * from './settings';
export * from './discovery';
export * from './pbx';
export * from './scanner';

/** Every request the UI can make of the core, by channel name (`domain:verb`). */
export const requests = {
  ...appRequests,
  ...barcodeRequests,
  ...settingsRequests,
  ...projectRequests,
  ...queueRequests,
  ...discoveryRequests,
  ...pbxRequests,
  ...scannerRequests,
} as const;

/** Every event the core pushes, by name (`domain:happening`). */
export const events = {
  ...appEvents,
  ...settingsEvents,
  ...projectEvents,
  ...queueEvents,
  ...discoveryEvents,
  ...pbxEvents,
  ...scannerEvents,
} as const;

/** A request channel name. */
export type Channel = keyof typeof requests;
/** An event name. */
export type EventName = keyof typeof events;
/** What a caller passes for a channel (before defaults are applied). */
export type RequestInput<C extends Channel> = z.input<(typeof requests)[C]['input']>;
/** What a handler receives for a channel (after validation and defaults). */
export type ParsedInput<C extends Channel> = z.output<(typeof requests)[C]['input']>;
/** What a channel returns on success. */
export type RequestOutput<C extends Channel> = z.output<(typeof requests)[C]['output']>;
/** The payload of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

/** True when `name` is a channel of the contract. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

/** True when `name` is an event of the contract. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** All channel names, for shells that expose one named function per channel. */
export const channelNames = Object.keys(requests) as Channel[];
