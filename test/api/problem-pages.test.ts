// Every problem `type` resolves: /problems/<code> is a readable page for each error code. The pages are
// built to public/problems/ (scripts/build-problem-pages.mjs, run by `npm install`) and served as static
// files, here through the app as Node serves it (the Worker's assets: test/browser/worker-page.test.ts).
import { afterEach, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors';
import { PROBLEM_TITLES } from '../../src/http/problem';
import { problemPageHtml } from '../../src/http/problem-pages';
import { createNodeApp } from '../../src/node-server';
import { createWorld, type World } from '../helpers/world';

let w: World;
afterEach(() => w?.close());

it.each(ERROR_CODES)('/problems/%s is an HTML page naming the code, its title and its status', async (code) => {
  w = createWorld();
  const { app } = createNodeApp(w.deps);
  const res = await app.request(`/problems/${code}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toContain('text/html');
  const html = await res.text();
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain(`<code>${code}</code> · HTTP `);
  expect(html).toContain(`<h1>${PROBLEM_TITLES[code].replace(/&/g, '&#38;')}</h1>`);
  // What the build wrote is what the source says now (a stale public/problems/ would fail here).
  expect(html).toBe(problemPageHtml(code));
});

it("a real problem answer's type link resolves to its page", async () => {
  w = createWorld();
  const { app } = createNodeApp(w.deps);
  const res = await app.request('/api/v1/tokens');
  const problem = (await res.json()) as { type: string; title: string };
  expect(problem.type).toBe('/problems/unauthorized');
  const page = await app.request(new URL(problem.type, 'https://status.example.test').pathname);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`<h1>${problem.title}</h1>`);
});

it('an unknown code, or a path that is not a code, is a 404', async () => {
  w = createWorld();
  const { app } = createNodeApp(w.deps);
  expect((await app.request('/problems/no_such_code')).status).toBe(404);
  expect((await app.request('/problems/..%2Fconsole')).status).toBe(404);
  expect((await app.request('/problems/unauthorized.html.html')).status).toBe(404);
});
