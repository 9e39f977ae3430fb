import type { PartialHandlers } from '../dispatch';
import type { SettingsService } from './settings-service';

/** Handlers for the `settings:*` channels. */
export function settingsHandlers(settings: SettingsService): PartialHandlers<'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
  };
}
