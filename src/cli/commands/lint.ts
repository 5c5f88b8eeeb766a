// `lint [--config LEXICON.json] [--format pretty|json] FILE.md`: check a customer summary locally,
// without the database. Exit 0: no error finding; 1: error findings; 2: usage or unreadable input.
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { looksBinary, MAX_SUMMARY_BYTES } from '../../core/summary/inputs';
import { lintSummary } from '../../core/summary/lint';
import { REDACTED_SECRET } from '../../core/summary/redact';
import type { Finding, LintResult } from '../../core/summary/types';
import { type CliContext, CliError } from '../context';
import { readLexiconFile } from '../lexicon-file';

async function readInput(file: string, ctx: CliContext): Promise<string> {
  const name = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = file === '-' ? await ctx.io.stdin() : readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${name}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  if (new TextEncoder().encode(text).length > MAX_SUMMARY_BYTES) {
    throw new CliError(`${name} is over ${MAX_SUMMARY_BYTES} bytes; a summary is at most 400 words`);
  }
  if (looksBinary(text) || (text.match(/\uFFFD/g)?.length ?? 0) > 8) {
    throw new CliError(`${name} is not text (binary data)`);
  }
  return text;
}

const WINDOW = 100;

/** The source line around a finding, cropped to fit a terminal, with a caret run under the excerpt. */
function excerptLines(source: string[], f: Finding): [string, string] {
  const line = (source[f.line - 1] ?? '').replace(/\t/g, ' ');
  const start = f.column - 1;
  const len = Math.max(1, Math.min(f.length, line.length - start));
  let from = 0;
  if (line.length > WINDOW) from = Math.max(0, Math.min(start - 30, line.length - WINDOW));
  const shown = (from > 0 ? '…' : '') + line.slice(from, from + WINDOW) + (from + WINDOW < line.length ? '…' : '');
  const pad = ' '.repeat(start - from + (from > 0 ? 1 : 0));
  return [shown, `${pad}${'^'.repeat(Math.min(len, WINDOW))}`];
}

/**
 * The source lines with every credential blanked out but its first characters (as many as the
 * finding's masked text shows), keeping the width so carets still line up.
 */
function withoutSecrets(source: string[], findings: readonly Finding[]): string[] {
  const lines = [...source];
  for (const f of findings) {
    if (f.rule !== 'secret' || f.text === REDACTED_SECRET) continue;
    const keep = f.text.indexOf('…') === -1 ? 0 : f.text.indexOf('…');
    let lineIndex = f.line - 1;
    let from = f.column - 1;
    let left = f.length;
    let skipped = 0;
    while (left > 0 && lineIndex < lines.length) {
      const line = lines[lineIndex] ?? '';
      const to = Math.min(line.length, from + left);
      const kept = Math.max(0, Math.min(to - from, keep - skipped));
      lines[lineIndex] = line.slice(0, from + kept) + '*'.repeat(Math.max(0, to - from - kept)) + line.slice(to);
      skipped += to - from;
      left -= to - from + 1; // and the line break
      lineIndex++;
      from = 0;
    }
  }
  return lines;
}

export function formatPretty(result: LintResult, markdown: string, name: string): string {
  const source = withoutSecrets(markdown.replace(/\r\n?/g, '\n').split('\n'), result.findings);
  const out: string[] = [];
  for (const f of result.findings) {
    const [code, caret] = excerptLines(source, f);
    const gutter = String(f.line).length;
    out.push(`${name}:${f.line}:${f.column}  ${f.severity}  ${f.rule}  ${f.message}`);
    out.push(`  ${f.line} | ${code}`);
    out.push(`  ${' '.repeat(gutter)} | ${caret}`);
    if (f.suggestion) out.push(`  ${' '.repeat(gutter)} = suggestion: ${f.suggestion}`);
    out.push('');
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  out.push(
    `${result.ok ? 'ok' : 'not publishable'}: ${errors} error(s), ${warnings} warning(s), ${result.words} of 400 words`,
  );
  return out.join('\n');
}

export function registerLint(program: Command, ctx: CliContext): void {
  program
    .command('lint')
    .description('check a customer summary against the redaction and word-limit rules (no database needed)')
    .argument('<file>', 'the summary in markdown; "-" reads stdin')
    .option(
      '--config <lexicon.json>',
      'the organisation lexicon: { employees, codenames, tools, internalDomains, ticketPrefixes, allow }',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .action(async (file: string, opts: { config?: string; format: 'pretty' | 'json' }) => {
      const lexicon = readLexiconFile(opts.config);
      const markdown = await readInput(file, ctx);
      const result = lintSummary(markdown, lexicon);
      ctx.stdout(
        opts.format === 'json'
          ? JSON.stringify(result, null, 2)
          : formatPretty(result, markdown, file === '-' ? '<stdin>' : file),
      );
      ctx.exitCode = result.ok ? 0 : 1;
    });
}
