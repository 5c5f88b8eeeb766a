// What every CLI command gets: Node deps on the same database file the server uses, opened lazily.
import { nodeDeps } from '../node-deps';
import type { Deps } from '../services/deps';

export interface CliContext {
  /** Opens the database (creating and migrating it if needed) on first use. */
  deps(): Deps;
  close(): void;
  stdout(line: string): void;
  stderr(line: string): void;
}

export function createCliContext(): CliContext {
  let opened: ReturnType<typeof nodeDeps> | null = null;
  return {
    deps() {
      opened ??= nodeDeps();
      return opened.deps;
    },
    close() {
      opened?.handle.close();
    },
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  };
}

/** Thrown by commands for usage errors and unreadable input: the CLI prints it and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
