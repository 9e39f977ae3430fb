/**
 * Putting held keys back, and taking leaked ones out, of whatever had the focus. Text goes through the
 * browser's own editing commands where it can, so React's onChange fires and the field's undo history
 * stays whole; synthetic key events cannot type text (browsers ignore untrusted keys for input).
 */

type TextField = HTMLInputElement | HTMLTextAreaElement;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);

/** True for a text input or textarea (where typed keys become text). */
export function isTextField(target: EventTarget | null): target is TextField {
  if (target instanceof HTMLTextAreaElement) return !target.readOnly && !target.disabled;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type) && !target.readOnly && !target.disabled;
}

/** True where a key's default action is typing text: text fields and contenteditable elements. */
export function isTextEditable(target: EventTarget | null): boolean {
  return isTextField(target) || (target instanceof HTMLElement && target.isContentEditable);
}

/**
 * True where a held first key can be replayed exactly as a synthetic keydown: anywhere except text fields
 * and selects (both act on keys by themselves, a select by jumping to the option typed).
 */
export function canHoldFirstKey(target: EventTarget | null): boolean {
  return !isTextEditable(target) && !(target instanceof HTMLSelectElement);
}

/** A text field's content and selection just before a key lands in it. */
export interface FieldSnapshot {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

function selectionOf(field: TextField): { start: number; end: number } | undefined {
  try {
    if (field.selectionStart === null || field.selectionEnd === null) return undefined;
    return { start: field.selectionStart, end: field.selectionEnd };
  } catch {
    return undefined; // email/number inputs have no selection API
  }
}

/** Captures a field's state before a key's default action, so a leaked key can be taken back exactly. */
export function snapshotField(target: EventTarget | null): FieldSnapshot | undefined {
  if (!isTextField(target)) return undefined;
  const selection = selectionOf(target);
  return selection ? { value: target.value, ...selection } : undefined;
}

/** Replaces the field's selection with `text` as if typed (input event, undo history). */
function replaceSelection(field: TextField, text: string): void {
  if (document.activeElement === field) {
    // execCommand is the one API that edits like typing (React sees it, Ctrl+Z undoes it); it is
    // deprecated without a replacement and still supported by every engine.
    const done = text === '' ? document.execCommand('delete') : document.execCommand('insertText', false, text);
    if (done) return;
  }
  const selection = selectionOf(field);
  if (!selection) {
    field.value += text;
  } else {
    field.setRangeText(text, selection.start, selection.end, 'end');
  }
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Types `text` into a text-editable target at its caret (replaying held keys). */
export function insertText(target: EventTarget | null, text: string): void {
  if (isTextField(target)) {
    replaceSelection(target, text);
  } else if (target instanceof HTMLElement && target.isContentEditable && document.activeElement === target) {
    document.execCommand('insertText', false, text);
  }
}

/**
 * Takes `leaked` back out of a field that looked like `before` when it arrived. Only acts when the field
 * holds exactly what the leaked keys made of it (nothing else edited it since); returns whether it did.
 */
export function retractLeaked(target: EventTarget | null, before: FieldSnapshot | undefined, leaked: string): boolean {
  if (!isTextField(target) || !before) return false;
  const replaced = before.value.slice(before.start, before.end);
  const expected = before.value.slice(0, before.start) + leaked + before.value.slice(before.end);
  if (target.value !== expected) return false;
  target.setSelectionRange(before.start, before.start + leaked.length);
  replaceSelection(target, replaced);
  target.setSelectionRange(before.start, before.end);
  return target.value === before.value;
}

/** Events we dispatched ourselves, so the detector does not feed on its own replays. */
const replayedEvents = new WeakSet<Event>();

/** True for a key event the scanner hook dispatched as a replay. */
export function isReplay(event: Event): boolean {
  return replayedEvents.has(event);
}

/**
 * Re-sends a held key to a target that is not a text field (a grid cell, the page): listeners get it as
 * it was; there is no browser default to lose there (only letters and digits are ever held there).
 */
export function replayKeydown(target: EventTarget | null, init: KeyboardEventInit): void {
  const to = target instanceof Node && target.isConnected ? target : document.activeElement ?? document.body;
  const event = new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true, composed: true });
  replayedEvents.add(event);
  to.dispatchEvent(event);
}
