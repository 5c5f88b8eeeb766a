// The app's Hono: hono's own preset minus its router pair. `hono` routes with SmartRouter, which keeps
// both RegExpRouter and TrieRouter in the Worker bundle to pick one at the first request; this one
// is TrieRouter alone (about 1.9 KB gzipped smaller; ~2 µs more per match than RegExpRouter over
// this app's ~190 routes, measured in Node). Every app and sub-app imports Hono from here.
import type { Env, Schema } from 'hono';
import { HonoBase, type HonoOptions } from 'hono/hono-base';
import { TrieRouter } from 'hono/router/trie-router';
import type { BlankEnv, BlankSchema } from 'hono/types';

export class Hono<
  E extends Env = BlankEnv,
  S extends Schema = BlankSchema,
  BasePath extends string = '/',
> extends HonoBase<E, S, BasePath> {
  constructor(options: HonoOptions<E> = {}) {
    super(options);
    this.router = options.router ?? new TrieRouter();
  }
}
