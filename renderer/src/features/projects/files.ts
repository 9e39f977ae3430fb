/**
 * Saving files the same way in the browser shell and in Electron: a download of a Blob, which needs neither
 * Node nor a dialog API in the renderer. (Opening goes through a hidden file input and `File.text()`.)
 */

/** Offers text as a file download with the given name. */
export function downloadText(fileName: string, text: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

