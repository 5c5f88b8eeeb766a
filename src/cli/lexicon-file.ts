// A lexicon file given with --config (the same JSON shape as the API's), read and validated for the CLI.
import { readFileSync } from 'node:fs';
import { DomainError, type FieldProblem } from '../core/errors';
import { EMPTY_LEXICON, type Lexicon, parseLexicon } from '../core/summary/lexicon';
import { CliError } from './errors';

export function readLexiconFile(path: string | undefined): Lexicon {
  if (path === undefined) return EMPTY_LEXICON;
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read lexicon ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new CliError(`lexicon ${path} is not valid JSON`);
  }
  try {
    return parseLexicon(json);
  } catch (err) {
    if (err instanceof DomainError) {
      const problems = (err.extensions.errors as FieldProblem[] | undefined) ?? [];
      throw new CliError(`lexicon ${path} is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    }
    throw err;
  }
}
