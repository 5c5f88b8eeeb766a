// `postmortem lint FILE...`: lints whole postmortems in one process. No database, no server.
// Exit 0: no error finding; 1: at least one error; 2: usage error or unreadable input.
import { readFileSync, writeFileSync } from 'node:fs';
import { version } from '../../../package.json';
import { lintPostmortem } from '../../core/postmortem/lint';
import { DEFAULT_LENGTHS, type LengthRanges, SEVERITIES, type Severity } from '../../core/postmortem/types';
import type { Lexicon } from '../../core/summary/lexicon';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { readLexiconFile } from '../lexicon-file';
import { formatGithub, formatJson, formatPretty, formatSarif, type LintedFile } from './postmortem-format';

export interface PostmortemLintOptions {
  config?: string;
  lengths?: string;
  format: 'pretty' | 'json' | 'sarif' | 'github';
  sarif?: string;
}

/** "SEV-1=1500-2500,SEV-2=400-800,SEV-3=none": the ranges given replace the defaults for their severity. */
export function parseLengths(spec: string | undefined): LengthRanges {
  const ranges: LengthRanges = { ...DEFAULT_LENGTHS };
  if (spec === undefined) return ranges;
  for (const part of spec.split(',')) {
    const m = /^\s*(SEV-[1-3])\s*=\s*(?:(\d+)\s*-\s*(\d+)|(none))\s*$/i.exec(part);
    const sev = m?.[1]?.toUpperCase() as Severity | undefined;
    if (!m || !sev || !SEVERITIES.includes(sev)) {
      throw new CliError(`--lengths: "${part.trim()}" is not SEV-n=MIN-MAX or SEV-n=none`);
    }
    if (m[4]) ranges[sev] = null;
    else {
      const min = Number(m[2]);
      const max = Number(m[3]);
      if (min > max) throw new CliError(`--lengths: ${sev} minimum ${min} is above maximum ${max}`);
      ranges[sev] = { min, max };
    }
  }
  return ranges;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Files named or matched, in argument order (each glob's matches sorted), each once. */
export async function expandFiles(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (GLOB_CHARS.test(arg)) {
      const { glob } = await import('tinyglobby');
      const matches = (await glob(arg, { onlyFiles: true, expandDirectories: false })).sort();
      if (matches.length === 0) throw new CliError(`no file matches ${arg}`);
      out.push(...matches);
    } else out.push(arg);
  }
  return [...new Set(out)];
}

const MAX_BYTES = 1024 * 1024;

function readPostmortemFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  if (text.length > MAX_BYTES) throw new CliError(`${file} is over 1 MiB; a postmortem is a few thousand words`);
  if (text.includes('\u0000')) throw new CliError(`${file} is not text (binary data)`);
  return text;
}

export async function lintFiles(files: string[], lexicon: Lexicon, lengths: LengthRanges): Promise<LintedFile[]> {
  return files.map((file) => {
    const source = readPostmortemFile(file);
    const result = lintPostmortem(source, lexicon, { lengths });
    return { file, source, ok: result.ok, words: result.words, findings: result.findings.map((f) => ({ ...f, file })) };
  });
}

export async function runPostmortemLint(args: string[], opts: PostmortemLintOptions, ctx: CliContext): Promise<void> {
  const lexicon = readLexiconFile(opts.config);
  const lengths = parseLengths(opts.lengths);
  const files = await expandFiles(args);
  const linted = await lintFiles(files, lexicon, lengths);
  const text =
    opts.format === 'json'
      ? formatJson(linted)
      : opts.format === 'sarif'
        ? formatSarif(linted, version)
        : opts.format === 'github'
          ? formatGithub(linted)
          : formatPretty(linted);
  if (opts.sarif !== undefined) {
    try {
      writeFileSync(opts.sarif, `${formatSarif(linted, version)}\n`);
    } catch (err) {
      throw new CliError(`cannot write ${opts.sarif}: ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}`);
    }
  }
  if (text !== '') ctx.stdout(text);
  ctx.exitCode = linted.every((f) => f.ok) ? 0 : 1;
}
