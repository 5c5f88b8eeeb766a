// The summary editor without a browser: the form works without JavaScript (template, save, preview,
// publish re-checked by the server, versions and diff, read-only without summaries:publish), the
// editor's pure helpers, and the committed public/console.js is what `npm run build:console` builds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSummary } from '../../src/core/summary/lint';
import { announcement, applyAt, markedMirror, replacementFor, spanOf } from '../../src/http/console/client/findings';
import { lineDiff } from '../../src/http/console/diff';
import { SUMMARY_TEMPLATE } from '../../src/http/console/summaries';
import { createIncident, resolveIncident } from '../../src/services/incidents';
import { putLexicon } from '../../src/services/lexicon';
import { createWorld, T0 } from '../helpers/world';
import { consoleClient } from './helpers';

const actor = { tokenId: null, label: 'test' };
const LEXICON = { employees: ['Jane Doe'] };
const CLEAN = `## What happened\n\nFrom 10:15 to 11:00 UTC on 20 November 2026, checkout requests failed.\n\n## Who was affected\n\nCustomers paying by card.\n\n## What we did\n\nWe rolled back a configuration change.\n\n## What we are doing to prevent it\n\n1. Validate configuration changes in staging, by 15 December 2026.\n`;
const LEAKY = CLEAN.replace('We rolled back', 'Jane Doe rolled back');

async function setup(...scopes: Parameters<ReturnType<typeof createWorld>['token']>) {
  const world = createWorld();
  await putLexicon({ deps: world.deps, input: LEXICON, actor });
  const incident = await createIncident({
    deps: world.deps,
    input: { title: 'Checkout failures', severity: 'SEV-1', startedAt: T0 - 3_600_000, lead: { name: 'Dana' } },
    actor,
  });
  const c = consoleClient(world);
  await c.signIn(await world.token(...scopes));
  return { world, incident, c, path: `/admin/incidents/${incident.id}/summary` };
}

describe('summary editor (no JavaScript)', () => {
  it('starts from the four section headings, with the lexicon for live checking and the script', async () => {
    const { c, path } = await setup('summaries:publish');
    const res = await c.get(path);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<textarea id="summary-md" name="markdown"`);
    expect(res.text).toContain(`\n${SUMMARY_TEMPLATE.replace(/\n/g, '\n')}</textarea>`);
    expect(res.text).toContain('data-lexicon="{&quot;employees&quot;:[&quot;Jane Doe&quot;]}"');
    expect(res.text).toContain('<script src="/console.js" defer=""></script>');
    expect(res.text).toMatch(/id="findings-status" role="status" aria-live="polite"/);
    expect(res.text).toMatch(/<button type="submit" id="publish-button" formaction="[^"]+\/publish" disabled/);
  });

  it('saves drafts, shows findings, previews, refuses to publish errors, publishes a clean text, diffs versions', async () => {
    const { world, incident, c, path } = await setup('summaries:publish');
    await c.get(path);
    const saved = await c.post(path, { markdown: LEAKY });
    expect(saved.status).toBe(303);
    const page = await c.get(saved.headers.get('Location')!);
    expect(page.text).toContain('Saved version 1.');
    expect(page.text).toContain('<mark class="f-error">Jane Doe</mark>');

    const preview = await c.post(`${path}/preview`, { markdown: CLEAN });
    expect(preview.text).toContain('<h2>What happened</h2>');
    expect(preview.text).toContain('Preview: as the public page will show it');

    const open = await c.post(`${path}/publish`, { markdown: CLEAN });
    expect(open.status).toBe(422);
    expect(open.text).toContain('resolve it before publishing');
    await resolveIncident({ deps: world.deps, id: incident.id, input: {}, actor });
    await c.get(path);
    const refused = await c.post(`${path}/publish`, { markdown: LEAKY });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('error finding(s)');
    expect(refused.text).toContain('employee-name');
    expect(await world.deps.store.summaries.publications(incident.id)).toEqual([]);

    const published = await c.post(`${path}/publish`, { markdown: CLEAN });
    expect(published.status).toBe(303);
    expect(published.headers.get('Location')).toMatch(new RegExp(`${path}\\?published=\\d$`));
    const pub = await world.call('GET', `/api/v1/incidents/${incident.id}/summary`, {
      token: await world.token('admin'),
    });
    expect(pub.json.published.version).toBe(pub.json.versions.at(-1).version);
    expect(pub.json.versions.at(-1).markdown).toBe(CLEAN);

    const diff = await c.get(`${path}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.text).toContain('<del>- Jane Doe rolled back a configuration change.\n</del>');
    expect(diff.text).toContain('<ins>+ We rolled back a configuration change.\n</ins>');
    expect((await c.get(`${path}/diff?from=1&to=9`)).status).toBe(404);
  });

  it('is read-only without summaries:publish: no lexicon, no script, and saving or publishing is refused', async () => {
    const { c, path, world, incident } = await setup('incidents:write');
    const res = await c.get(path);
    expect(res.text).toContain('Read only');
    expect(res.text).toMatch(/<textarea[^>]*readonly/);
    expect(res.text).not.toContain('data-lexicon');
    expect(res.text).not.toContain('console.js');
    expect((await c.post(path, { markdown: CLEAN })).status).toBe(403);
    expect((await c.post(`${path}/publish`, { markdown: CLEAN })).status).toBe(403);
    expect(await world.deps.store.summaries.versions(incident.id)).toEqual([]);
  });
});

describe('editor helpers', () => {
  const text = 'Intro.\nFailed. Jane Doe restarted db-prod-03 today.';
  const { findings } = lintSummary(text, LEXICON);
  const name = findings.find((f) => f.rule === 'employee-name')!;
  const host = findings.find((f) => f.rule === 'internal-host')!;

  it('locates a finding by line and column', () => {
    const s = spanOf(text, name);
    expect(text.slice(s.start, s.end)).toBe('Jane Doe');
    const h = spanOf(text, host);
    expect(text.slice(h.start, h.end)).toBe('db-prod-03');
  });

  it('turns suggestions into replacements only where they name one', () => {
    expect(replacementFor(name)).toBe('an engineer');
    expect(replacementFor(host)).toBe('one of our database servers');
    expect(replacementFor({ rule: 'ticket-id', suggestion: 'remove the ticket id', length: 8 })).toBe('');
    expect(
      replacementFor({
        rule: 'codename',
        suggestion: 'name the affected feature or service in plain words',
        length: 8,
      }),
    ).toBeNull();
    expect(
      replacementFor({ rule: 'utc-times', suggestion: 'give the time in UTC, e.g. "14:05 UTC"', length: 5 }),
    ).toBeNull();
  });

  it('applies a replacement: capitalised at a sentence start, no double space after a removal', () => {
    const s = spanOf(text, name);
    expect(applyAt(text, s.start, s.end, 'an engineer').text).toBe(
      'Intro.\nFailed. An engineer restarted db-prod-03 today.',
    );
    expect(applyAt('We posted in #inc-api today.', 13, 21, '').text).toBe('We posted in today.');
    expect(applyAt('Ask x (OPS-1).', 6, 13, '').text).toBe('Ask x.');
  });

  it('mirrors the text escaped, with each finding marked', () => {
    expect(markedMirror('a <b> Jane Doe', lintSummary('a <b> Jane Doe', LEXICON).findings)).toContain(
      'a &lt;b&gt; <mark class="f-error" data-finding="',
    );
    expect(announcement([name, host], 9, 400)).toBe('2 errors, 0 warnings, 9 of 400 words.');
    expect(announcement([], 9, 400)).toBe('No errors, 0 warnings, 9 of 400 words. Ready to publish.');
  });

  it('diffs lines', () => {
    expect(lineDiff('a\nb\nc', 'a\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });
});

describe('public/console.js', () => {
  it('is the committed output of `npm run build:console` (rebuild and commit it after changing the editor)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    const out = join(mkdtempSync(join(tmpdir(), 'aw-console-')), 'console.js');
    const args = (pkg.scripts['build:console'] as string)
      .split(' ')
      .slice(1)
      .map((a) => (a.startsWith('--outfile=') ? `--outfile=${out}` : a));
    execFileSync('node_modules/.bin/esbuild', args, { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8') === readFileSync('public/console.js', 'utf8')).toBe(true);
  });
});
