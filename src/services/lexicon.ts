// The organisation's lexicon (settings key "lexicon"): read it, replace it (admin), validated in core.
import { EMPTY_LEXICON, type Lexicon, lexiconSchema, parseLexicon } from '../core/summary/lexicon';
import type { Actor } from '../core/types';
import type { Deps } from './deps';

const KEY = 'lexicon';

/**
 * The last lexicon read, by its stored JSON. The gate compiles a lexicon once per object
 * (compileLexicon), which takes about 90 ms for 10,000 employees: handing every request the same
 * object while the setting is unchanged compiles it once, not on every lint.
 */
let last: { json: string; lexicon: Lexicon } | undefined;

export async function getLexicon({ deps }: { deps: Deps }): Promise<Lexicon> {
  const stored = await deps.store.settings.get(KEY);
  const json = JSON.stringify(stored ?? null);
  if (last?.json === json) return last.lexicon;
  // Stored values were validated on the way in; anything else (a hand-edited row) counts as empty.
  const parsed = lexiconSchema.safeParse(stored ?? EMPTY_LEXICON);
  const lexicon = Object.freeze(parsed.success ? parsed.data : EMPTY_LEXICON);
  last = { json, lexicon };
  return lexicon;
}

export async function putLexicon({
  deps,
  input,
  actor,
}: {
  deps: Deps;
  input: unknown;
  actor: Actor;
}): Promise<Lexicon> {
  const lexicon = parseLexicon(input);
  // The lexicon judges drafts; no public page shows it, so it leaves cached pages alone.
  await deps.store.settings.put(KEY, lexicon, { actor, action: 'lexicon.update', at: deps.clock() }, { public: false });
  return lexicon;
}
