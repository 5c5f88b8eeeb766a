// Secrets are never stored in clear, logged or echoed: not in the database rows, not in an API
// response, not in CLI output; the findings still point at the credential as submitted.
// Credential-shaped fixtures are assembled at run time so no secret scanner flags this file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintSummary } from '../../src/core/summary/lint';
import { maskSecret, REDACTED_SECRET, redactSecrets } from '../../src/core/summary/redact';
import { CLEAN, LEXICON } from '../core/summary/fixtures';
import { CLI_ENTRY } from '../helpers/processes';
import { createWorld, type World } from '../helpers/world';

const AWS = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
const GITHUB = ['ghp', '_', 'R2d2C3po'.repeat(4), 'Bb8x'].join('');
const PASSWORD = ['pass', 'word=', 'Tr0ub4dor', '&3'].join('');
const PRIVATE_KEY = [
  ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' '),
  'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM',
  ['-----END', 'RSA PRIVATE KEY-----'].join(' '),
].join('\n');
const SECRETS = [AWS, GITHUB, PASSWORD];

/** The clean fixture with the credentials pasted into "What we did", with CRLF line breaks. */
const LEAKING = CLEAN.replace(
  'We rolled back the change at 15:02 UTC,',
  `We rotated ${AWS} and ${GITHUB} (${PASSWORD}) and rolled back the change at 15:02 UTC,`,
).replace(/\n/g, '\r\n');

/** The excerpt at a finding's line and column, `length` long, a line break counting as one. */
function spanOf(markdown: string, f: { line: number; column: number; length: number }): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.slice(0, f.line - 1).reduce((n, l) => n + l.length + 1, 0) + f.column - 1;
  return lines.join('\n').slice(start, start + f.length);
}

function expectNoSecret(value: unknown, secrets: string[] = SECRETS): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const s of secrets) expect(text).not.toContain(s);
}

describe('secret findings', () => {
  it('show the credential masked and point at it', () => {
    const r = lintSummary(LEAKING, LEXICON);
    const found = r.findings.filter((f) => f.rule === 'secret');
    expect(found.map((f) => f.text)).toEqual([
      'AKIA… (20 characters)',
      'ghp_… (40 characters)',
      'pass… (20 characters)',
    ]);
    expect(found.map((f) => spanOf(LEAKING, f))).toEqual(SECRETS);
    expectNoSecret(r);
  });

  it('mask a credential inside any other excerpt or message', () => {
    const md = CLEAN.replace('by 31 January 2027.', `by 31 January 2027; rotate ${AWS}.`);
    const r = lintSummary(md, LEXICON);
    expect(r.findings.map((f) => f.rule)).toContain('secret');
    expectNoSecret(r);
    expect(maskSecret('abcdef')).toBe('ab… (6 characters)'); // a short one shows less
  });
});

describe('redactSecrets', () => {
  it('replaces each credential of the submitted text, CRLF and multi-line keys included', () => {
    const md = `${LEAKING}\r\n${PRIVATE_KEY.replace(/\n/g, '\r\n')}\r\nThe end.\r\n`;
    const stored = redactSecrets(md, lintSummary(md, LEXICON).findings);
    expectNoSecret(stored, [...SECRETS, 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM']);
    expect(stored).toContain(`We rotated ${REDACTED_SECRET} and ${REDACTED_SECRET} (${REDACTED_SECRET}) and rolled`);
    expect(stored).toContain(`\r\n${REDACTED_SECRET}\r\nThe end.\r\n`);
    // Everything else is kept as written.
    expect(stored.replaceAll(REDACTED_SECRET, '')).toBe(
      md
        .replace(PRIVATE_KEY.replace(/\n/g, '\r\n'), '')
        .split(AWS)
        .join('')
        .split(GITHUB)
        .join('')
        .split(PASSWORD)
        .join(''),
    );
  });

  it('the placeholder itself is a secret finding, so a redacted draft is never publishable', () => {
    const r = lintSummary(CLEAN.replace('scaled up the pool', `scaled up ${REDACTED_SECRET}`), LEXICON);
    expect(r.ok).toBe(false);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'secret', text: REDACTED_SECRET }));
  });
});

describe('the summary API', () => {
  let world: World;
  let writer: string;
  let id: string;

  beforeEach(async () => {
    world = createWorld();
    const admin = await world.token('admin');
    writer = await world.token('summaries:publish');
    expect((await world.call('PUT', '/api/v1/lexicon', { token: admin, body: LEXICON })).status).toBe(200);
    const res = await world.call('POST', '/api/v1/incidents', {
      token: admin,
      body: {
        title: 'API errors',
        severity: 'SEV-2',
        startedAt: '2026-11-26T14:04:00Z',
        resolvedAt: '2026-11-26T14:50:00Z',
        lead: { name: 'Dana Lead' },
      },
    });
    expect(res.status).toBe(201);
    id = res.json.id;
  });
  afterEach(() => world.close());

  /** Every row of every table, as text. */
  function database(): string {
    const sqlite = world.handle.sqlite;
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return JSON.stringify(tables.map((t) => sqlite.prepare(`SELECT * FROM "${t.name}"`).all()));
  }

  it('never stores, returns or lists a credential, and the findings point at it as submitted', async () => {
    const lint = await world.call('POST', '/api/v1/lint', { token: writer, body: { markdown: LEAKING } });
    expect(lint.status).toBe(200);
    expectNoSecret(lint.text);

    const saved = await world.call('PUT', `/api/v1/incidents/${id}/summary`, {
      token: writer,
      body: { markdown: LEAKING },
    });
    expect(saved.status).toBe(201);
    expectNoSecret(saved.text);
    const secrets = (saved.json.findings as { rule: string; line: number; column: number; length: number }[]).filter(
      (f) => f.rule === 'secret',
    );
    expect(secrets.map((f) => spanOf(LEAKING, f))).toEqual(SECRETS);
    expect(saved.json.markdown).toContain(`We rotated ${REDACTED_SECRET} and ${REDACTED_SECRET}`);

    const row = world.handle.sqlite.prepare('SELECT markdown, findings FROM summary_versions').get() as {
      markdown: string;
      findings: string;
    };
    expect(row.markdown).toBe(saved.json.markdown);
    expect(JSON.parse(row.findings)).toEqual(saved.json.findings);
    expectNoSecret(database());

    const listed = await world.call('GET', `/api/v1/incidents/${id}/summary`, { token: writer });
    expectNoSecret(listed.text);

    const publish = await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token: writer });
    expect(publish.status).toBe(422);
    expect(publish.json.findings).toContainEqual(expect.objectContaining({ rule: 'secret', text: REDACTED_SECRET }));
    expectNoSecret(publish.text);
    expectNoSecret(database());
  });

  it('redacts credentials sent as JSON sections too', async () => {
    const saved = await world.call('PUT', `/api/v1/incidents/${id}/summary`, {
      token: writer,
      body: {
        sections: {
          whatHappened: 'From 14:05 to 15:20 UTC the API failed.',
          whoWasAffected: 'About 12% of requests.',
          whatWeDid: `We rotated ${AWS} and rolled back.`,
          prevention: '- Add a canary by 1 December 2026',
        },
      },
    });
    expect(saved.status).toBe(201);
    expect(saved.json.findings).toContainEqual(
      expect.objectContaining({ rule: 'secret', line: 11, column: 12, length: AWS.length }),
    );
    expectNoSecret(saved.text);
    expectNoSecret(database());
  });
});

describe('afterword lint', () => {
  function lint(args: string[], input: string) {
    const dir = mkdtempSync(join(tmpdir(), 'afterword-secret-'));
    writeFileSync(join(dir, 'leaking.md'), input);
    writeFileSync(join(dir, 'lexicon.json'), JSON.stringify(LEXICON));
    const r = spawnSync(
      process.execPath,
      [CLI_ENTRY, 'lint', '--config', join(dir, 'lexicon.json'), ...args, join(dir, 'leaking.md')],
      { encoding: 'utf8', env: { ...process.env, DATABASE_PATH: '/nonexistent-dir/afterword.db' } },
    );
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it('never prints a credential, and the caret still underlines it', () => {
    const pretty = lint([], LEAKING);
    expect(pretty.code).toBe(1);
    expectNoSecret(pretty.out + pretty.err);
    const lines = pretty.out.split('\n');
    const line = LEAKING.split('\r\n').findIndex((l) => l.includes(AWS)) + 1;
    const column = (LEAKING.split('\r\n')[line - 1] ?? '').indexOf(AWS) + 1;
    const at = lines.findIndex((l) => l.includes(`leaking.md:${line}:${column}  error  secret`));
    expect(at).toBeGreaterThanOrEqual(0);
    const source = lines[at + 1] ?? '';
    const caret = lines[at + 2] ?? '';
    expect(source.slice(caret.indexOf('^'), caret.lastIndexOf('^') + 1)).toBe(`AKIA${'*'.repeat(AWS.length - 4)}`);

    const json = lint(['--format', 'json'], LEAKING);
    expect(json.code).toBe(1);
    expectNoSecret(json.out + json.err);
    expect(JSON.parse(json.out).findings).toContainEqual(
      expect.objectContaining({ rule: 'secret', line, column, length: AWS.length, text: 'AKIA… (20 characters)' }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Every credential shape secretlint's recommended preset detects, the gate detects too: in prose
// and as `key: value`. secretlint (a dev dependency, async and Node-only) is the reference: each
// sample must be one it reports, so the samples stay real.
describe('credential shapes, against secretlint', () => {
  /** Deterministic characters from an alphabet (no real credential, varied enough to look like one). */
  function chars(n: number, alphabet: string, seed: number): string {
    let x = seed;
    let out = '';
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      out += alphabet[x % alphabet.length];
    }
    return out;
  }
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const HEX = '0123456789abcdef';
  const LOWER = 'abcdefghijklmnopqrstuvwxyz';
  const j = (...parts: string[]) => parts.join('');
  /** A service-account token's shape: base64 of a JSON object (so it begins "eyJ" and ends "fQ=="). */
  function onePassword(): string {
    for (let pad = 0; ; pad++) {
      const json = JSON.stringify({
        signInAddress: 'my.1password.com',
        userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: chars(22, ALNUM, 16) },
        email: `${chars(10, LOWER, 35)}@1passwordserviceaccounts.com`,
        srpX: chars(64, HEX, 36),
        muk: {
          alg: 'A256GCM',
          ext: true,
          k: chars(43, ALNUM, 37),
          key_ops: ['encrypt', 'decrypt'],
          kty: 'oct',
          kid: 'mp',
        },
        secretKey: chars(30 + pad, ALNUM, 38),
        throttleSecret: { seed: chars(64, HEX, 39), deviceUuid: chars(26, LOWER, 40) },
        deviceUuid: chars(26, LOWER, 41),
      });
      const b64 = btoa(json);
      if (b64.endsWith('fQ==')) return b64;
    }
  }
  const SHAPES: [string, string][] = [
    ['GitHub classic token', j('gh', 'p_', chars(36, ALNUM, 1))],
    ['GitHub fine-grained token', j('github', '_pat_', chars(82, ALNUM, 2))],
    ['GitLab token', j('gl', 'pat-', chars(20, ALNUM, 3))],
    ['Slack bot token', j('xo', 'xb-', '1234567890', '-', '1234567890123', '-', chars(24, ALNUM, 4))],
    [
      'Slack webhook URL',
      j(
        'https://hooks.',
        'slack.com/services/T',
        chars(8, 'ABCDEFGHIJ0123456789', 5),
        '/B',
        chars(8, 'ABCDEFGHIJ0123456789', 6),
        '/',
        chars(24, ALNUM, 7),
      ),
    ],
    ['npm token', j('np', 'm_', chars(36, ALNUM, 8))],
    ['OpenAI key', j('sk', '-proj-', chars(74, ALNUM, 9), 'T3Blbk', 'FJ', chars(74, ALNUM, 10))],
    ['Anthropic key', j('sk', '-ant-api03-', chars(93, ALNUM, 11), 'AA')],
    ['Groq key', j('gs', 'k_', chars(52, ALNUM, 12))],
    ['Hugging Face token', j('h', 'f_', chars(34, LOWER + LOWER.toUpperCase(), 13))],
    ['Linear key', j('lin', '_api_', chars(40, ALNUM, 14))],
    ['Notion token', j('nt', 'n_', '12345678901', chars(35, ALNUM, 15))],
    ['1Password token', j('op', 's_', onePassword())],
    ['Vercel token', j('vc', 'p_', chars(40, ALNUM, 17))],
    ['Databricks token', j('da', 'pi', chars(32, HEX, 18))],
    ['Docker Hub token', j('dckr', '_pat_', chars(27, ALNUM, 19))],
    ['Figma token', j('fi', 'gd_', chars(40, ALNUM, 20))],
    ['Grafana Cloud token', j('gl', 'c_', chars(60, ALNUM, 21))],
    ['Grafana service account token', j('gl', 'sa_', chars(32, ALNUM, 22), '_', chars(8, HEX, 23))],
    ['Vault token', j('hv', 's.', chars(95, ALNUM, 24))],
    ['SendGrid key', j('S', 'G.', chars(22, ALNUM, 25), '.', chars(43, ALNUM, 26))],
    ['Shopify token', j('shp', 'at_', chars(32, HEX, 27))],
    ['Postgres URL', j('postgres://', 'app:', chars(16, ALNUM, 28), '@db.example.com:5432/main')],
    ['MySQL URL', j('mysql://', 'root:', chars(16, ALNUM, 29), '@db.example.com/app')],
    ['MongoDB URL', j('mongodb+srv://', 'app:', chars(16, ALNUM, 30), '@cluster0.example.net/app')],
    ['basic-auth URL', j('https://', 'deploy:', chars(16, ALNUM, 31), '@example.com/path')],
    [
      'private key',
      j('-----BEGIN ', 'RSA PRIVATE KEY-----\n', 'MI', chars(120, ALNUM, 32), '\n-----END ', 'RSA PRIVATE KEY-----'),
    ],
    ['AWS secret key as an environment variable', j('AWS_SECRET', '_ACCESS_KEY=', chars(40, ALNUM, 33))],
    ['AWS secret key in JSON', j('"aws_secret', '_access_key": "', chars(40, ALNUM, 34), '"')],
  ];

  async function secretlintFinds(content: string): Promise<boolean> {
    const { lintSource } = await import('@secretlint/core');
    const { creator } = await import('@secretlint/secretlint-rule-preset-recommend');
    const result = await lintSource({
      source: { filePath: '/summary.md', content, contentType: 'text' },
      options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] } },
    });
    return result.messages.length > 0;
  }

  // Split by spaces or a line break, a credential still reads as one (the page shows the pieces side
  // by side): every format with a prefix of its own, split at several places.
  const SPLIT = SHAPES.filter(([name]) => !/URL|private key|AWS secret key/.test(name));
  it.each(SPLIT)('%s, split by a space or a line break: the gate still finds it, masked', (_name, credential) => {
    const third = Math.floor(credential.length / 3);
    for (const cuts of [[third], [2 * third], [third, 2 * third], [8, 12, 16]]) {
      for (const gap of [' ', '\n', '  ']) {
        let split = '';
        let from = 0;
        for (const cut of cuts) {
          split += `${credential.slice(from, cut)}${gap}`;
          from = cut;
        }
        split += credential.slice(from);
        const md = CLEAN.replace('by 31 January 2027.', `by 31 January 2027. We rotated ${split} yesterday.`);
        const r = lintSummary(md, LEXICON);
        const found = r.findings.filter((f) => f.rule === 'secret');
        expect(
          found.map((f) => spanOf(md, f)),
          JSON.stringify(split),
        ).toContain(split);
        expect(JSON.stringify(r)).not.toContain(split.slice(0, 12));
        expect(redactSecrets(md, r.findings)).not.toContain(split);
      }
    }
  });

  it.each(SHAPES)(
    '%s: secretlint reports it, and so does the gate (prose and key: value)',
    async (_name, credential) => {
      const prose = `We rotated ${credential} yesterday.`;
      expect(await secretlintFinds(prose)).toBe(true);
      for (const text of [prose, `credential: ${credential}`]) {
        const r = lintSummary(CLEAN.replace('by 31 January 2027.', `by 31 January 2027. ${text}`), LEXICON);
        const found = r.findings.filter((f) => f.rule === 'secret');
        expect(found.length, text).toBeGreaterThan(0);
        expect(JSON.stringify(r)).not.toContain(credential);
      }
    },
  );
});
