// The browser bundle's stand-in for zod (see "build:console" in package.json). The summary gate's
// lexicon module declares its schema at load time, but the editor only compiles a lexicon the server
// already validated: it never parses with zod. Every zod call here returns an inert chainable value,
// which keeps about 25 KB (gzipped) of validation code out of public/console.js.
type Chain = ((...args: unknown[]) => Chain) & { [key: string]: Chain };

const chain: Chain = new Proxy(function inert() {} as unknown as Chain, {
  get: () => chain,
  apply: () => chain,
});

export const string = chain;
export const array = chain;
export const strictObject = chain;
export const object = chain;
export const number = chain;
export const boolean = chain;
export const literal = chain;
export const union = chain;
export const ZodError = chain;
