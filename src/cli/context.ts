// What every CLI command gets: Node deps on the same database file the server uses, opened lazily.
import type { nodeDeps } from '../node-deps';
import type { Deps } from '../services/deps';

let driver: typeof import('../node-deps') | null = null;

/** Loads the SQLite driver and the Node deps builder (before an area that uses the database runs). */
export async function loadDatabaseDriver(): Promise<void> {
  driver ??= await import('../node-deps');
}

export interface CliContext {
  /** Opens the database (creating and migrating it if needed) on first use. */
  deps(): Deps;
  close(): void;
  stdout(line: string): void;
  stderr(line: string): void;
  io: CliIo;
  /** The process exit code once the command finishes without throwing (e.g. 1: lint found errors). */
  exitCode: number;
}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
  /** Reads all of standard input (for `-` file arguments). */
  stdin(): Promise<string>;
}

export const processIo: CliIo = {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

export function createCliContext(io: CliIo): CliContext {
  let opened: ReturnType<typeof nodeDeps> | null = null;
  return {
    deps() {
      if (!driver) throw new Error('the database driver is not loaded: this command area is marked database: false');
      opened ??= driver.nodeDeps(io.env);
      return opened.deps;
    },
    close() {
      opened?.handle.close();
    },
    stdout: (line) => io.out(`${line}\n`),
    stderr: (line) => io.err(`${line}\n`),
    io,
    exitCode: 0,
  };
}

export { CliError } from './errors';
