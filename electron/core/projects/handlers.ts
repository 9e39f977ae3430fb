import type { PartialHandlers } from '../dispatch';
import type { ProjectService } from './project-service';

/** Every `projects:*` channel. */
export type ProjectChannel =
  | 'projects:list'
  | 'projects:create'
  | 'projects:get'
  | 'projects:rename'
  | 'projects:update'
  | 'projects:duplicate'
  | 'projects:archive'
  | 'projects:unarchive'
  | 'projects:delete'
  | 'projects:save-rows'
  | 'projects:export'
  | 'projects:import';

/**
 * Handlers for the `projects:*` channels: thin translations to the {@link ProjectService}. `knownProfile`
 * tells whether a PBX profile exists on this computer (an imported site may name one that does not).
 */
export function projectHandlers(projects: ProjectService, knownProfile?: (id: string) => boolean): PartialHandlers<ProjectChannel> {
  return {
    'projects:list': () => ({ projects: projects.list() }),
    'projects:create': ({ name, pbxProfileId, notes }) => projects.create(name, { pbxProfileId, notes }),
    'projects:get': ({ id }) => projects.get(id),
    'projects:rename': ({ id, name }) => projects.rename(id, name),
    'projects:update': ({ id, notes, pbxProfileId }) => projects.update(id, { notes, pbxProfileId }),
    'projects:duplicate': ({ id, name, keepMacs }) => projects.duplicate(id, { name, keepMacs }),
    'projects:archive': ({ id }) => projects.setArchived(id, true),
    'projects:unarchive': ({ id }) => projects.setArchived(id, false),
    'projects:delete': ({ id }) => projects.delete(id),
    'projects:save-rows': ({ id, rows, expectedUpdatedAt }) => projects.saveRows(id, rows, expectedUpdatedAt),
    'projects:export': ({ id }) => projects.exportFile(id),
    'projects:import': ({ text }) => projects.importFile(text, knownProfile),
  };
}
