import type { Notice } from '../../../shared/contract';

/** Notices the technician has not dismissed, most recent last. */
export function NoticeList({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: string) => void }) {
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {notices.map((notice) => (
        <li key={notice.id} className={`notice notice-${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
          <div>
            <strong>{notice.title}</strong>
            <p>{notice.message}</p>
          </div>
          <button type="button" onClick={() => onDismiss(notice.id)}>
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
