/**
 * Prints the seed's progress: rewritten in place on a terminal; on a pipe or
 * a log file, a plain line at most every few seconds, so logs stay short.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stdout, everyMs = 3_000) {
  let lastLine = 0;
  return {
    update(text: string): void {
      if (stream.isTTY) {
        stream.write(`\r${text}\x1b[K`);
        return;
      }
      const now = Date.now();
      if (now - lastLine < everyMs) return;
      lastLine = now;
      stream.write(`${text}\n`);
    },
    done(text: string): void {
      stream.write(stream.isTTY ? `\r${text}\x1b[K\n` : `${text}\n`);
    },
  };
}
