// The browser bundle's stand-in for zod/mini (scripts/build-console.mjs). The summary gate's
// lexicon module declares its schema at load time, but the editor only compiles a lexicon the server
// already validated: it never parses with zod. Every zod call here returns an inert chainable value,
// which keeps about 25 KB (gzipped) of validation code out of public/console.js.
type Chain = ((...args: unknown[]) => Chain) & { [key: string]: Chain };

const chain: Chain = new Proxy(function inert() {} as unknown as Chain, {
  get: () => chain,
  apply: () => chain,
});

// zod/mini's functions (src/core/zod.ts re-exports them; it reads z.core.util at load).
export const config = chain;
export const core = chain;
export const string = chain;
export const array = chain;
export const strictObject = chain;
export const optional = chain;
export const trim = chain;
export const minLength = chain;
export const maxLength = chain;
export const regex = chain;
export const ZodMiniISODateTime = chain;
export const ZodMiniNumber = chain;
