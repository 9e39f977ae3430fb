import { type Settings, settingsSchema } from '../../../shared/contract';
import type { EventHub } from '../events';
import type { DocumentSpec, Store, StoredDocument } from '../store';

/** The settings file, relative to the data directory. */
export const SETTINGS_FILE = 'settings.json';

/** How settings are stored: version 1, every key defaulted (see `settingsSchema`). */
export const settingsSpec: DocumentSpec<Settings> = {
  kind: 'settings',
  schema: settingsSchema,
  migrations: [],
  title: 'Settings',
  pretty: true,
};

/** The app's settings, loaded on first use and saved on every change. */
export class SettingsService {
  private loaded: StoredDocument<Settings> | undefined;

  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
  ) {}

  /** The current settings. */
  get(): Settings {
    return this.doc().value;
  }

  /** Changes the given keys; saves and tells every window only when something changed. */
  update(patch: Partial<Settings>): Settings {
    const doc = this.doc();
    const current = doc.value;
    const next = settingsSchema.parse({ ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
    if (JSON.stringify(next) === JSON.stringify(current)) return current;
    const saved = doc.write(next);
    this.events.emit('settings:changed', saved);
    return saved;
  }

  private doc(): StoredDocument<Settings> {
    this.loaded ??= this.store.open(SETTINGS_FILE, settingsSpec, {
      initial: () => settingsSchema.parse({}),
      whenLost: 'The default settings are used (theme, last project); projects are not affected',
    });
    return this.loaded;
  }
}
