import { useState } from 'react';
import { Dialog } from '../pbx/Dialog';
import { useProjects } from './useProjects';

/** Ctrl+P: type part of a project's name, arrows to choose, Enter to open. Archived projects come last. */
export function QuickSwitch({ onOpen, onClose }: { onOpen: (id: string) => void; onClose: () => void }) {
  const { projects } = useProjects();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const q = query.trim().toLowerCase();
  const matches = [...projects.filter((p) => !p.archived), ...projects.filter((p) => p.archived)].filter((p) => q === '' || p.name.toLowerCase().includes(q)).slice(0, 30);
  const pick = (index: number): void => {
    const project = matches[index];
    if (project) onOpen(project.id);
  };
  return (
    <Dialog className="modal" title="Switch project" onClose={onClose} testId="quick-switch">
      <div className="quick-switch">
        <input
          autoFocus
          aria-label="Project name"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
            else if (e.key === 'Enter') pick(active);
            else return;
            e.preventDefault();
          }}
          placeholder="Type to find a project"
        />
        <ul role="listbox" aria-label="Projects">
          {matches.map((p, i) => (
            <li key={p.id} role="option" aria-selected={i === active} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(i)}>
              <span>{p.name}</span>
              <span className="meta">
                {p.rowCount} phones{p.archived ? ' · archived' : ''}
              </span>
            </li>
          ))}
          {matches.length === 0 && <li aria-disabled="true">No project matches.</li>}
        </ul>
      </div>
    </Dialog>
  );
}
