// Every problem `type` resolves: /problems/<code> is a readable page for each error code.
import { afterEach, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors';
import { createWorld, type World } from '../helpers/world';

let w: World;
afterEach(() => w?.close());

it.each(ERROR_CODES)('/problems/%s is an HTML page naming the code, its title and its status', async (code) => {
  w = createWorld();
  const res = await w.app.request(`/problems/${code}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toContain('text/html');
  const html = await res.text();
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain(`<code>${code}</code> · HTTP `);
});

it("a real problem answer's type link resolves to its page", async () => {
  w = createWorld();
  const problem = (await w.call('GET', '/api/v1/tokens')).json;
  expect(problem.type).toBe('/problems/unauthorized');
  const page = await w.app.request(new URL(problem.type, 'https://status.example.test').pathname);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`<h1>${problem.title}</h1>`);
});

it('an unknown code is a 404', async () => {
  w = createWorld();
  expect((await w.app.request('/problems/no_such_code')).status).toBe(404);
});
