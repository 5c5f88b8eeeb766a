// The CLI's one error type, apart from context.ts so commands can throw it without loading the database code.

/** Thrown by commands for usage errors and unreadable input: the CLI prints it and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
