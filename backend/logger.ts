export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type Logger = Record<Exclude<LogLevel, 'silent'>, (message: string, fields?: Record<string, unknown>) => void>;

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** One JSON line per entry on stderr, below `level` dropped. */
export function createLogger(level: LogLevel): Logger {
  const at = ORDER.indexOf(level);
  const write = (lvl: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER.indexOf(lvl) < at) return;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...fields })}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
