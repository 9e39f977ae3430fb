import { type FormEvent, useRef, useState } from 'react';
import type { ProjectSummary } from '../../../../shared/domain/project';
import { useBridge } from '../../app/bridge-context';
import { Dialog } from '../pbx/Dialog';
import { downloadText } from './files';
import { useProjects } from './useProjects';
import './projects.css';
import { errorText } from '../../../../shared/contract';

type Pending = { kind: 'delete'; project: ProjectSummary } | { kind: 'duplicate'; project: ProjectSummary } | { kind: 'rename'; project: ProjectSummary };

const when = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Site projects: create, open, rename, duplicate, archive, delete (after confirmation), and hand a whole
 * project to another technician as one file (export / import).
 */
export function ProjectsPanel({ currentId, onOpen }: { currentId: string | undefined; onOpen: (id: string) => void }) {
  const bridge = useBridge();
  const { projects, loaded, error } = useProjects();
  const [name, setName] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'warn' | 'bad'; text: string } | undefined>();
  const [pending, setPending] = useState<Pending | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);

  const report = (result: { ok: true } | { ok: false; error: { message: string; hint?: string } }, done: string): boolean => {
    setMessage(result.ok ? { tone: 'ok', text: done } : { tone: 'bad', text: errorText(result.error) });
    return result.ok;
  };

  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const result = await bridge.call('projects:create', { name });
    if (report(result, `Created “${name.trim()}”.`) && result.ok) {
      setName('');
      onOpen(result.data.id);
    }
  };

  const exportProject = async (project: ProjectSummary): Promise<void> => {
    const result = await bridge.call('projects:export', { id: project.id });
    if (report(result, `Exported “${project.name}”.`) && result.ok) downloadText(result.data.fileName, result.data.text, 'application/json');
  };

  const importProject = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const result = await bridge.call('projects:import', { text: await file.text() });
    if (!result.ok || result.data.notice === null) {
      if (report(result, `Imported “${file.name}” as a new project.`) && result.ok) onOpen(result.data.id);
      return;
    }
    // Stay on the list so the technician reads what to do; the imported project is at its top.
    setMessage({ tone: 'warn', text: `Imported “${file.name}” as a new project. ${result.data.notice}` });
  };

  const setArchived = async (project: ProjectSummary, archived: boolean): Promise<void> => {
    const result = await bridge.call(archived ? 'projects:archive' : 'projects:unarchive', { id: project.id });
    report(result, archived ? `Archived “${project.name}”.` : `“${project.name}” is back in the list.`);
  };

  const shown = projects.filter((p) => showArchived || !p.archived);
  return (
    <section className="projects" aria-label="Projects" data-testid="projects-panel">
      <div className="projects-top">
        <form className="project-create" onSubmit={(e) => void create(e)}>
          <label htmlFor="new-project-name">New site project</label>
          <input id="new-project-name" data-testid="new-project-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Customer, site or building" maxLength={200} />
          <button type="submit" disabled={name.trim() === ''}>
            Create
          </button>
        </form>
        <div className="project-tools">
          <button type="button" className="button-quiet" onClick={() => fileInput.current?.click()}>
            Import project file…
          </button>
          <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="project-import-file" onChange={(e) => void importProject(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
          <label>
            <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show archived
          </label>
        </div>
      </div>
      {message && (
        <p className={`project-message ${message.tone}`} role={message.tone === 'bad' ? 'alert' : 'status'} data-testid="project-message">
          {message.text}
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {loaded && shown.length === 0 && <p className="empty-note">No projects yet: give the site a name above and press Create.</p>}
      <ul className="project-list">
        {shown.map((p) => (
          <li key={p.id} className={p.id === currentId ? 'project-item current' : 'project-item'} data-testid="project-item">
            <button type="button" className="project-open" onClick={() => onOpen(p.id)} title="Open in the grid">
              <strong>{p.name}</strong>
              {p.archived && <span className="chip chip-warn">archived</span>}
              <span className="project-meta">
                {p.rowCount} {p.rowCount === 1 ? 'phone' : 'phones'} · changed {when(p.updatedAt)}
              </span>
              {p.notes && <span className="project-notes">{p.notes.split('\n')[0]}</span>}
            </button>
            <div className="project-actions">
              <button type="button" className="button-quiet" onClick={() => setPending({ kind: 'rename', project: p })}>
                Rename
              </button>
              <button type="button" className="button-quiet" onClick={() => setPending({ kind: 'duplicate', project: p })}>
                Duplicate
              </button>
              <button type="button" className="button-quiet" onClick={() => void exportProject(p)}>
                Export
              </button>
              <button type="button" className="button-quiet" onClick={() => void setArchived(p, !p.archived)}>
                {p.archived ? 'Unarchive' : 'Archive'}
              </button>
              <button type="button" className="button-danger" onClick={() => setPending({ kind: 'delete', project: p })}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      {pending && <ProjectDialog pending={pending} onDone={(text) => { setPending(undefined); if (text) setMessage({ tone: 'ok', text }); }} />}
    </section>
  );
}

function ProjectDialog({ pending, onDone }: { pending: Pending; onDone: (message?: string) => void }) {
  const bridge = useBridge();
  const { project } = pending;
  const [name, setName] = useState(pending.kind === 'duplicate' ? `${project.name} (copy)` : project.name);
  const [keepMacs, setKeepMacs] = useState(true);
  const [problem, setProblem] = useState<string | undefined>();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const result =
      pending.kind === 'delete'
        ? await bridge.call('projects:delete', { id: project.id, confirm: true })
        : pending.kind === 'rename'
          ? await bridge.call('projects:rename', { id: project.id, name })
          : await bridge.call('projects:duplicate', { id: project.id, name, keepMacs });
    if (!result.ok) return setProblem(result.error.message);
    onDone(pending.kind === 'delete' ? `Deleted “${project.name}” (moved to the trash folder in the data folder).` : pending.kind === 'rename' ? `Renamed to “${name.trim()}”.` : `Duplicated as “${name.trim()}”.`);
  };

  const title = pending.kind === 'delete' ? `Delete “${project.name}”?` : pending.kind === 'rename' ? 'Rename project' : 'Duplicate project';
  return (
    <Dialog className="modal" title={title} onClose={() => onDone()} testId="project-dialog">
      <form onSubmit={(e) => void submit(e)}>
        {pending.kind === 'delete' ? (
          <p>
            Its {project.rowCount} {project.rowCount === 1 ? 'row' : 'rows'} and queue go with it. The folder moves to the trash in the data folder, so it can be recovered by hand; phones
            already on the PBX stay there.
          </p>
        ) : (
          <div className="form-grid">
            <label htmlFor="project-dialog-name">Name</label>
            <input id="project-dialog-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
            {pending.kind === 'duplicate' && (
              <>
                <span />
                <label>
                  <input type="checkbox" checked={keepMacs} onChange={(e) => setKeepMacs(e.target.checked)} /> Keep MACs, serial numbers and RPS PINs (untick to reuse the plan for
                  another site)
                </label>
              </>
            )}
          </div>
        )}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-quiet" onClick={() => onDone()}>
            Cancel
          </button>
          <button type="submit" className={pending.kind === 'delete' ? 'button-danger' : undefined} disabled={pending.kind !== 'delete' && name.trim() === ''}>
            {pending.kind === 'delete' ? 'Delete project' : pending.kind === 'rename' ? 'Rename' : 'Duplicate'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
