// `postmortem publish FILE --url URL [--publish]`: the customer-facing section goes to Afterword
// through the public API (token from AFTERWORD_TOKEN), never through the database. Idempotent: an
// incident is found before one is created, a draft equal to the latest version is not saved again,
// and a version already published is not published again. It also records the document's own link
// (which stops the internal postmortem's clock): `--doc-url`, else, in GitHub Actions, the file on
// the branch that ran (`$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/<branch>/<path>`).
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { readPostmortem } from '../../core/postmortem/model';
import type { CliContext } from '../context';
import { CliError } from '../errors';

export interface PublishOptions {
  url: string;
  publish?: boolean;
  /** The internal document's link to record; default: derived from the GitHub Actions environment. */
  docUrl?: string;
}

/**
 * The document's link in GitHub Actions: the file on the branch that ran (a stable link, so a later
 * run on the same branch records nothing new), or at the commit when no branch ran (a tag). Null
 * outside Actions, or for a file outside the workspace.
 */
export function githubDocumentUrl(file: string, env: Record<string, string | undefined>): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (!server || !repo || !sha) return null;
  const ref = env.GITHUB_REF_TYPE === 'branch' && env.GITHUB_REF_NAME ? env.GITHUB_REF_NAME : sha;
  const path = relative(env.GITHUB_WORKSPACE || process.cwd(), resolve(file));
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return null;
  const segments = (p: string) => p.split(/[\\/]/).map(encodeURIComponent).join('/');
  return `${server.replace(/\/+$/, '')}/${repo}/blob/${segments(ref)}/${segments(path.split(sep).join('/'))}`;
}

interface ApiFinding {
  rule: string;
  severity: string;
  line: number;
  column: number;
  message: string;
  suggestion?: string;
}
export interface ApiIncident {
  id: string;
  title: string;
  severity: string;
  status: string;
  startedAt: string;
  detectedAt: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}
interface ApiVersion {
  version: number;
  ok: boolean;
  markdown: string;
  findings: ApiFinding[];
  published: boolean;
  publishedAt: string | null;
}
export interface ApiSummary {
  versions: ApiVersion[];
  published: { version: number } | null;
}

export class ApiClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    let res: Response;
    try {
      res = await fetch(`${this.base}/api/v1${path}`, {
        method,
        headers: {
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new CliError(`cannot reach ${this.base}: ${(err as Error).cause ?? (err as Error).message}`, 1);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new CliError(`${method} ${path}: HTTP ${res.status}, not JSON`, 1);
    }
    return { status: res.status, body: json as T };
  }

  /** The call, or a CliError (exit 1) carrying the problem+json title, detail and code. */
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 200 && r.status < 300) return r.body;
    const p = (r.body ?? {}) as { title?: string; detail?: string; code?: string };
    throw new CliError(
      `${method} ${path}: HTTP ${r.status} ${p.code ?? ''}${p.detail ? `: ${p.detail}` : p.title ? `: ${p.title}` : ''}`,
      1,
    );
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function runPostmortemPublish(file: string, opts: PublishOptions, ctx: CliContext): Promise<void> {
  const token = ctx.io.env.AFTERWORD_TOKEN;
  if (!token)
    throw new CliError('set AFTERWORD_TOKEN to a token with the incidents:write and summaries:publish scopes');
  let base: URL;
  try {
    base = new URL(opts.url);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new CliError(`--url ${opts.url} is not an http(s) URL`);
  }
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const pm = readPostmortem(source);
  if (!pm.customerSummary || pm.customerSummary.markdown.trim() === '') {
    throw new CliError(`${file} has no "## Customer-facing summary" section to publish`, 1);
  }
  // What goes to the API: the section's body without its surrounding blank lines; `offset` maps
  // the API's line numbers back to the file.
  const bodyLines = pm.customerSummary.markdown.split('\n');
  const lead = bodyLines.findIndex((l) => l.trim() !== '');
  const markdown = `${bodyLines.slice(lead).join('\n').trimEnd()}\n`;
  const offset = pm.customerSummary.firstLine + lead - 1;

  const api = new ApiClient(base.origin + base.pathname.replace(/\/+$/, ''), token);
  const incident = await findOrCreateIncident(api, pm, file, ctx);
  const id = encodeURIComponent(incident.id);
  await recordDocumentLink(api, id, opts.docUrl ?? githubDocumentUrl(file, ctx.io.env), ctx);

  const before = await api.ok<ApiSummary>('GET', `/incidents/${id}/summary`);
  let latest = before.versions.at(-1);
  if (latest && latest.markdown === markdown) {
    ctx.stdout(`summary: unchanged (version ${latest.version})`);
  } else {
    const saved = await api.call<ApiVersion & { title?: string; detail?: string; code?: string }>(
      'PUT',
      `/incidents/${id}/summary`,
      { markdown },
    );
    if (saved.status !== 201) {
      throw new CliError(
        `saving the summary failed: HTTP ${saved.status} ${saved.body?.code ?? ''}: ${saved.body?.detail ?? saved.body?.title ?? ''}`,
        1,
      );
    }
    latest = saved.body;
    ctx.stdout(`summary: saved version ${latest.version}`);
  }
  if (!latest.ok) {
    for (const f of latest.findings) {
      ctx.stdout(`${file}:${f.line + offset}:${f.column}  ${f.severity}  summary/${f.rule}  ${f.message}`);
      if (f.suggestion) ctx.stdout(`  = suggestion: ${f.suggestion}`);
    }
    throw new CliError('the customer-facing summary does not pass the gate; not published', 1);
  }
  if (!opts.publish) return;
  if (before.published && before.published.version === latest.version) {
    ctx.stdout(`published: unchanged (version ${latest.version})`);
    return;
  }
  const out = await api.ok<{ version: number; publishedAt: string }>('POST', `/incidents/${id}/summary/publish`);
  ctx.stdout(`published: version ${out.version} at ${out.publishedAt}`);
}

/** Records the internal document's link; the API keeps it idempotent (the same URL changes nothing). */
async function recordDocumentLink(api: ApiClient, id: string, url: string | null, ctx: CliContext): Promise<void> {
  if (!url) {
    ctx.stdout('postmortem link: not recorded (pass --doc-url, or run in GitHub Actions)');
    return;
  }
  const r = await api.call<{ changed?: boolean; code?: string; detail?: string; errors?: { message: string }[] }>(
    'PUT',
    `/incidents/${id}/postmortem`,
    { url },
  );
  if (r.status !== 200) {
    const why = r.body?.errors?.map((e) => e.message).join('; ') || r.body?.detail || '';
    throw new CliError(`recording the postmortem link failed: HTTP ${r.status} ${r.body?.code ?? ''}: ${why}`, 1);
  }
  ctx.stdout(r.body.changed ? `postmortem link: recorded ${url}` : 'postmortem link: unchanged');
}

async function findOrCreateIncident(
  api: ApiClient,
  pm: ReturnType<typeof readPostmortem>,
  file: string,
  ctx: CliContext,
): Promise<ApiIncident> {
  if (pm.incidentId) {
    const found = await api.call<ApiIncident>('GET', `/incidents/${encodeURIComponent(pm.incidentId)}`);
    if (found.status === 404)
      throw new CliError(`incident ${pm.incidentId} (the header's Incident:) does not exist`, 1);
    if (found.status !== 200) throw new CliError(`GET incident ${pm.incidentId}: HTTP ${found.status}`, 1);
    ctx.stdout(`incident: ${found.body.id} (from the header)`);
    return found.body;
  }
  const start = pm.startedAt ?? pm.detectedAt;
  const title = pm.title?.trim();
  if (!pm.severity || start === null || pm.resolvedAt === null || !title) {
    throw new CliError(
      `${file}: to create its incident, the document needs a title, Severity, Detected (or Started) and Resolved in UTC; or add "Incident: <id>"`,
      1,
    );
  }
  const match = await findIncidentByHeader(api, pm);
  if (match) {
    ctx.stdout(`incident: ${match.id} (found by title, severity and start)`);
    return match;
  }
  const acknowledged = pm.timeline.rows.find((r) => r.mark === 'acknowledged')?.at ?? null;
  // Created resolved: a postmortem is written after the fact, and an open incident's summary
  // cannot be published.
  const created = await api.ok<ApiIncident>('POST', '/incidents', {
    title,
    severity: pm.severity,
    status: 'resolved',
    startedAt: iso(start),
    detectedAt: pm.detectedAt === null ? null : iso(pm.detectedAt),
    acknowledgedAt: acknowledged === null ? null : iso(acknowledged),
    resolvedAt: iso(pm.resolvedAt),
    lead: { name: pm.author?.replace(/[*_`]/g, '').trim() || 'Postmortem author' },
  });
  ctx.stdout(`incident: ${created.id} (created, resolved); add "Incident: ${created.id}" to the header to pin it`);
  return created;
}

/** The incident a document without `Incident:` belongs to: same title, severity and start. */
export async function findIncidentByHeader(
  api: ApiClient,
  pm: ReturnType<typeof readPostmortem>,
): Promise<ApiIncident | null> {
  const start = pm.startedAt ?? pm.detectedAt;
  const title = pm.title?.trim();
  if (!pm.severity || start === null || !title) return null;
  const query = new URLSearchParams({
    severity: pm.severity,
    startedFrom: iso(start),
    startedTo: iso(start),
    limit: '100',
  });
  const list = await api.ok<{ incidents: ApiIncident[] }>('GET', `/incidents?${query}`);
  return list.incidents.find((i) => i.title === title && Date.parse(i.startedAt) === start) ?? null;
}
