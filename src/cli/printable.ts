// Terminal-safe text: everything the CLI prints passes through here, so user data (an incident title,
// a token name, a summary line) can't carry escape sequences that rewrite the terminal, its title or
// its clipboard. Control characters become visible \u escapes (still valid inside JSON strings).

/** C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
