// Output formats for `postmortem lint`: pretty (for people), json, SARIF 2.1.0 (code scanning) and
// GitHub workflow-command annotations.
import type { PostmortemFinding } from '../../core/postmortem/types';

export interface FileFinding extends PostmortemFinding {
  file: string;
}

export interface LintedFile {
  file: string;
  source: string;
  ok: boolean;
  words: number;
  findings: FileFinding[];
}

export const TOOL_NAME = 'afterword postmortem lint';
const INFO_URI = 'https://github.com/afterword/afterword#postmortem-as-code';

export function formatJson(files: LintedFile[]): string {
  const findings = files.flatMap((f) =>
    f.findings.map((x) => ({
      file: x.file,
      rule: x.rule,
      severity: x.severity,
      line: x.line,
      column: x.column,
      message: x.message,
      suggestion: x.suggestion ?? null,
    })),
  );
  return JSON.stringify(
    {
      ok: files.every((f) => f.ok),
      files: files.map((f) => ({ file: f.file, ok: f.ok, words: f.words })),
      findings,
    },
    null,
    2,
  );
}

/** URIs in SARIF are relative paths with forward slashes (what code scanning matches against the repo). */
function uriOf(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

export function formatSarif(files: LintedFile[], version: string): string {
  const all = files.flatMap((f) => f.findings);
  const ruleIds = [...new Set(all.map((f) => f.rule))].sort();
  const firstMessage = new Map<string, string>();
  for (const f of all) if (!firstMessage.has(f.rule)) firstMessage.set(f.rule, f.message);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version,
            informationUri: INFO_URI,
            rules: ruleIds.map((id) => ({
              id,
              name: id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
              shortDescription: { text: `Postmortem rule ${id}` },
              helpUri: `${INFO_URI}-rules`,
            })),
          },
        },
        results: all.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: f.severity === 'error' ? 'error' : 'warning',
          message: { text: f.suggestion ? `${f.message} Suggestion: ${f.suggestion}.` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(f.file) },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions: data escapes %, CR
// and LF; property values also escape ':' and ','.
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(files: LintedFile[]): string {
  const lines = files.flatMap((f) =>
    f.findings.map((x) => {
      const props = [
        `file=${escapeProperty(x.file)}`,
        `line=${x.line}`,
        `col=${x.column}`,
        `title=${escapeProperty(`postmortem ${x.rule}`)}`,
      ].join(',');
      const text = x.suggestion ? `${x.message}\nSuggestion: ${x.suggestion}` : x.message;
      return `::${x.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(text)}`;
    }),
  );
  return lines.join('\n');
}

export function formatPretty(files: LintedFile[]): string {
  const out: string[] = [];
  for (const f of files) {
    const source = f.source.replace(/\r\n?/g, '\n').split('\n');
    for (const x of f.findings) {
      const code = (source[x.line - 1] ?? '').replace(/\t/g, ' ');
      const gutter = String(x.line).length;
      out.push(`${x.file}:${x.line}:${x.column}  ${x.severity}  ${x.rule}  ${x.message}`);
      out.push(`  ${x.line} | ${code.length > 110 ? `${code.slice(0, 110)}…` : code}`);
      out.push(`  ${' '.repeat(gutter)} | ${' '.repeat(Math.min(x.column - 1, 110))}^`);
      if (x.suggestion) out.push(`  ${' '.repeat(gutter)} = suggestion: ${x.suggestion}`);
      out.push('');
    }
  }
  const errors = files.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'error').length, 0);
  const warnings = files.reduce((n, f) => n + f.findings.length, 0) - errors;
  const failing = files.filter((f) => !f.ok).length;
  out.push(`${files.length} file(s) checked, ${failing} with errors: ${errors} error(s), ${warnings} warning(s)`);
  return out.join('\n');
}
