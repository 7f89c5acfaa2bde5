import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileState } from './delivery-store';
import type { StreamedEvent } from './read-batch';

export interface FileTarget {
  /** The destination's folder: `<stream root>/<workspace id>/<directory>`. */
  folder: string;
  rotateBytes: number;
  rotateMinutes: number;
}

/** Where a destination's files go. The directory is a validated folder name, never a path. */
export function folderOf(root: string, orgId: string, directory: string): string {
  return join(root, orgId, directory);
}

/**
 * A new file's name: the first event's sequence number, then the time it was
 * started. Names sort in delivery order (the sequence number grows from
 * file to file whatever the clocks of the processes that wrote them).
 */
export function fileNameFor(firstSeq: number, startedAt: number): string {
  return `auditdesk-${String(firstSeq).padStart(12, '0')}-${new Date(startedAt).toISOString().replace(/:/g, '-')}.jsonl`;
}

/**
 * Appends events as JSON Lines (one event per line) to the destination's
 * current file, starting a new one when the current file is as old as
 * rotateMinutes or the next line would take it past rotateBytes (a file
 * holds at least one line, so a line larger than rotateBytes is still
 * written whole). Writes only into one file per call: it answers how many
 * events it wrote, and the caller records them (with the file's new state)
 * before writing the rest. The data is fsynced before it answers.
 *
 * `state` is what the database says was confirmed. Bytes past it in the
 * file are from an attempt whose position never moved (the process stopped
 * between writing and recording): they are cut off and written again, so
 * no line is ever split or written twice into the files.
 */
export async function appendToFile(
  target: FileTarget,
  state: FileState | null,
  events: readonly StreamedEvent[],
  now: number,
): Promise<{ written: number; state: FileState }> {
  if (events.length === 0) throw new Error('appendToFile needs at least one event');
  const lines = events.map((event) => Buffer.from(`${event.json}\n`));
  // The log holds personal data (names, IP addresses): readable by the server's user and group only.
  await mkdir(target.folder, { recursive: true, mode: 0o750 });

  let current = state && !isDue(target, state, lines[0]!.length, now) ? state : null;
  let handle = current ? await openExisting(join(target.folder, current.fileName), current.fileBytes) : null;
  if (!handle) {
    current = { fileName: fileNameFor(events[0]!.seq, now), fileStartedAt: now, fileBytes: 0 };
    // 'w': a file of this name not in the confirmed state holds nothing confirmed.
    handle = await open(join(target.folder, current.fileName), 'w', 0o640);
    await syncFolder(target.folder);
  }
  try {
    let size = current!.fileBytes;
    let count = 0;
    while (count < lines.length) {
      const next = lines[count]!.length;
      if (size > 0 && size + next > target.rotateBytes) break;
      size += next;
      count += 1;
    }
    const chunk = Buffer.concat(lines.slice(0, count));
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, current!.fileBytes + offset);
      offset += bytesWritten;
    }
    await handle.sync();
    return { written: count, state: { ...current!, fileBytes: current!.fileBytes + chunk.length } };
  } finally {
    await handle.close();
  }
}

/** A new file is due when the current one is old enough, or the next line would take a non-empty file past its size. */
function isDue(target: FileTarget, state: FileState, nextLineBytes: number, now: number): boolean {
  if (now - state.fileStartedAt >= target.rotateMinutes * 60_000) return true;
  return state.fileBytes > 0 && state.fileBytes + nextLineBytes > target.rotateBytes;
}

/**
 * The confirmed file, cut back to its confirmed size; null when it is gone
 * (moved away or deleted by whoever collects the files): a new one is started.
 */
async function openExisting(path: string, confirmedBytes: number) {
  try {
    const handle = await open(path, 'r+');
    const { size } = await handle.stat();
    if (size > confirmedBytes) await handle.truncate(confirmedBytes);
    if (size >= confirmedBytes) return handle;
    // Shorter than what was confirmed: someone else changed it; leave it be.
    await handle.close();
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A new file's name is durable only once its folder is fsynced too. */
async function syncFolder(folder: string): Promise<void> {
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
