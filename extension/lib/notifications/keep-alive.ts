/** How often the worker is kept busy while it follows: Chrome stops one idle for 30 s. */
export const KEEP_ALIVE_MS = 20_000;

/**
 * Keeps an MV3 service worker running by calling a cheap extension API on
 * an interval (each call resets Chrome's idle timer; an open fetch does
 * not). Started while the notification stream is followed, stopped when it
 * is not; if Chrome stops the worker anyway, an alarm starts it again.
 */
export function createKeepAlive(ping: () => Promise<unknown>, intervalMs = KEEP_ALIVE_MS) {
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    start() {
      timer ??= setInterval(() => void ping().catch(() => undefined), intervalMs);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
