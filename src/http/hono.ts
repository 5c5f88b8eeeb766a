// The app's Hono: hono's own preset minus its router pair. `hono` routes with SmartRouter, which keeps
// both RegExpRouter and TrieRouter in the Worker bundle to pick one at the first request; this one
// is PatternRouter alone (about 2.6 KB gzipped smaller). It tries the routes' patterns in turn: about
// 14 µs per match over this app's ~190 routes in Node, against 1.5 µs (RegExpRouter) and 3.6 µs
// (TrieRouter). Cached public pages never reach it (src/worker.ts and src/node-server.ts answer them
// before Hono). Every app and sub-app imports Hono from here.
import type { Env, Schema } from 'hono';
import { HonoBase, type HonoOptions } from 'hono/hono-base';
import { PatternRouter } from 'hono/router/pattern-router';
import type { BlankEnv, BlankSchema } from 'hono/types';

export class Hono<
  E extends Env = BlankEnv,
  S extends Schema = BlankSchema,
  BasePath extends string = '/',
> extends HonoBase<E, S, BasePath> {
  constructor(options: HonoOptions<E> = {}) {
    super(options);
    this.router = options.router ?? new PatternRouter();
  }
}
