import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A modal dialog on the native `<dialog>` element: focus stays inside, Esc closes it, the page behind is inert.
 * Rendered only while open, so its content starts fresh each time.
 */
export function Dialog({ title, onClose, children, testId, tone, className }: { title: string; onClose: () => void; children: ReactNode; testId?: string; tone?: 'danger'; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={className ?? (tone === 'danger' ? 'pbx-dialog pbx-dialog-danger' : 'pbx-dialog')}
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h3>{title}</h3>
      {children}
    </dialog>
  );
}
