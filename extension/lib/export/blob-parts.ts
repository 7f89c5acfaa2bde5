/**
 * Bytes gathered before they are handed to a Blob. A Blob's bytes leave the
 * page's JavaScript heap (the browser keeps them, on disk when large), so a
 * million-row export never holds more than this much in the page itself.
 */
const BATCH_BYTES = 8 * 1024 * 1024;

/** Collects a download's chunks as Blob parts, a Blob per ~8 MB. */
export function blobParts() {
  const blobs: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let bytes = 0;

  const seal = () => {
    if (pending.length === 0) return;
    blobs.push(new Blob(pending as BlobPart[]));
    pending = [];
    pendingBytes = 0;
  };

  return {
    add(chunk: Uint8Array) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      bytes += chunk.length;
      if (pendingBytes >= BATCH_BYTES) seal();
    },
    get bytes() {
      return bytes;
    },
    /** The whole file. */
    blob(type: string): Blob {
      seal();
      return new Blob(blobs, { type });
    },
  };
}
