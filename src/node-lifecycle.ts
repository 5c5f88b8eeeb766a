// Node server life cycle pieces that are plain functions: the server's environment, and the one line
// an operator reads when start-up fails (the cause, never a bare stack trace).

export interface ServerEnv {
  port: number;
  host: string;
  /** How long a SIGTERM/SIGINT waits for in-flight requests and an SLA delivery before cutting them. */
  shutdownMs: number;
}

/**
 * HOST defaults to 127.0.0.1: on a laptop the server is reachable from this machine only. The container
 * image sets HOST=0.0.0.0 (inside a container, loopback is unreachable from `docker run -p`).
 */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_SHUTDOWN_SECONDS = 10;

/** Throws an Error whose message is the one line to print. */
export function readServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  const port = env.PORT ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}")`);
  }
  const seconds = env.AFTERWORD_SHUTDOWN_SECONDS ? Number(env.AFTERWORD_SHUTDOWN_SECONDS) : DEFAULT_SHUTDOWN_SECONDS;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 600) {
    throw new Error(
      `AFTERWORD_SHUTDOWN_SECONDS must be a number of seconds from 0 to 600 (got "${env.AFTERWORD_SHUTDOWN_SECONDS}")`,
    );
  }
  return { port, host: env.HOST || DEFAULT_HOST, shutdownMs: seconds * 1000 };
}

interface SystemError extends Error {
  code?: string;
}

/** The cause of a failed start, in one line, naming what to fix. */
export function describeStartupError(
  err: unknown,
  step: 'database' | 'listen',
  ctx: { databasePath: string; port: number; host: string },
): string {
  const code = (err as SystemError | undefined)?.code ?? '';
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  if (step === 'listen') {
    switch (code) {
      case 'EADDRINUSE':
        return `port ${ctx.port} on ${ctx.host} is already in use: stop the other server or set PORT`;
      case 'EACCES':
        return `not allowed to listen on port ${ctx.port} on ${ctx.host}: choose a PORT above 1023`;
      case 'EADDRNOTAVAIL':
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `HOST ${ctx.host} is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its addresses`;
    }
    return `cannot listen on ${ctx.host}:${ctx.port}: ${message}`;
  }
  const db = ctx.databasePath;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return `the database ${db} is locked by another process (waited 5 s): stop that process, or set DATABASE_PATH`;
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return `the database ${db} is read-only: the server must write it and its directory (check owner and permissions)`;
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    /directory does not exist/.test(message)
  ) {
    return `cannot open the database ${db}: its directory must exist and be writable, or set DATABASE_PATH`;
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return `${db} is not a readable SQLite database: restore it from a backup, or set DATABASE_PATH`;
  }
  return `cannot open the database ${db}: ${message}`;
}
