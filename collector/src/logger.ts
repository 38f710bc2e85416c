/** A minimal structured logger: one JSON line per entry on stderr. Never pass secrets to it. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'silent' | 'error' | 'warn' | 'info';
const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3 };

export function createLogger(level: LogLevel, component = 'spanlight'): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>): void => {
    if (RANK[at] > RANK[level]) return;
    const entry: Record<string, unknown> = { level: at, time: new Date().toISOString(), component, message };
    for (const [k, v] of Object.entries(fields ?? {})) entry[k] = v instanceof Error ? describe(v) : v;
    process.stderr.write(JSON.stringify(entry) + '\n');
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

function describe(err: Error): Record<string, unknown> {
  return { name: err.name, message: err.message, stack: err.stack, cause: err.cause instanceof Error ? describe(err.cause) : err.cause };
}
