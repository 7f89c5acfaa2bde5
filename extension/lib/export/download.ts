/** How long the object URL outlives the click: the browser reads the Blob after the click returns. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Saves a Blob as a file named `name`, as a link with `download` does: an
 * object URL on the page's own Blob (the bytes are not copied again), freed
 * a minute later.
 */
export function downloadBlob(document: Document, blob: Blob, name: string): void {
  const view = document.defaultView;
  if (!view) throw new Error('The page is gone.');
  const url = view.URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  view.setTimeout(() => view.URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
