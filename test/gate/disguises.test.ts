// Every disguise of the gate's list (test/fixtures/disguises.ts) at every public text field of the
// publish API: refused with its rule named at the field and nothing written; and every innocent
// look-alike accepted everywhere without an error finding.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISGUISE_LEXICON, DISGUISES, INNOCENT_LOOK_ALIKES } from '../fixtures/disguises';
import { createWorld, type World } from '../helpers/world';
import { databaseText, PUBLIC_FIELDS, send } from './fields';

let w: World;
let token: string;
beforeEach(async () => {
  w = createWorld();
  token = await w.token('admin');
  expect((await w.call('PUT', '/api/v1/lexicon', { token, body: DISGUISE_LEXICON })).status).toBe(200);
});
afterEach(() => w.close());

describe.each(DISGUISES)('disguise: $name', (d) => {
  it(`is refused at every public field with ${d.rule}, nothing written`, async () => {
    for (const field of PUBLIC_FIELDS) {
      const write = await field.prepare(w, token);
      const before = databaseText(w);
      const res = await send(w, token, write(d.text));
      expect(res.status, `${field.name}: ${res.text}`).toBe(422);
      expect(res.json.findings, field.name).toContainEqual(expect.objectContaining({ path: field.path, rule: d.rule }));
      if (d.credential) expect(res.text, field.name).not.toContain(d.credential);
      if (d.rule === 'secret' || d.rule === 'invisible-character') {
        // Never overridable: the same request with a reason is refused too.
        expect(res.json.overridable, field.name).toBe(false);
        const forced = await send(w, token, write(d.text), { override: { reason: 'try anyway' } });
        expect(forced.status, field.name).toBe(422);
      }
      expect(databaseText(w), field.name).toBe(before);
    }
  });
});

describe.each(INNOCENT_LOOK_ALIKES)('innocent look-alike: $name', (x) => {
  it('is accepted at every public field without an error finding', async () => {
    for (const field of PUBLIC_FIELDS) {
      const write = await field.prepare(w, token);
      const res = await send(w, token, write(x.text));
      expect(res.status, `${field.name}: ${res.text}`).toBeLessThan(300);
      expect(
        res.json.warnings.filter((f: { severity: string }) => f.severity === 'error'),
        field.name,
      ).toEqual([]);
    }
  });
});
