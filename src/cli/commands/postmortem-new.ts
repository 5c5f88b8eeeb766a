// `postmortem new "Short title" --severity SEV-1`: writes the template, dated today (UTC).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { postmortemTemplate } from '../../core/postmortem/template';
import type { Severity } from '../../core/postmortem/types';
import type { CliContext } from '../context';
import { CliError } from '../errors';

export function slugOf(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'postmortem'
  );
}

export function runPostmortemNew(
  title: string,
  opts: { severity: Severity; dir: string; out?: string },
  ctx: CliContext,
): void {
  if (title.trim() === '') throw new CliError('the title must not be empty');
  const today = new Date().toISOString().slice(0, 10);
  const file = opts.out ?? join(opts.dir, `${today}-${slugOf(title)}.md`);
  if (existsSync(file)) throw new CliError(`${file} already exists; not overwriting it`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, postmortemTemplate(title.trim(), opts.severity, today), { flag: 'wx' });
  ctx.stdout(file);
}
