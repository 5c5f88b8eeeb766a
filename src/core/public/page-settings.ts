// The status page's branding (settings key "page"): one schema for the API, the CLI and the defaults.
import * as z from '../zod';

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * A path on this site: one leading "/", then no second "/" or "\", and no backslash, space or control
 * character anywhere. Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.example" and
 * "/<tab>/evil.example" are the other site "//evil.example", not a path here.
 */
export function isSitePath(s: string): boolean {
  if (!/^\/(?![/\\])[^\s"'<>\\]*$/.test(s)) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

/** Absolute http(s) URL, or a path on this site ("/logo.svg"): a logo served from public/ cannot be down with the page's host. */
const logoUrl = z.string().check(
  z.trim(),
  z.maxLength(2000),
  z.refine((s) => isSitePath(s) || /^https?:\/\/[^\s"'<>]+$/i.test(s), {
    message: 'must be an http(s) URL or a path starting with "/"',
  }),
);

const linkUrl = z.string().check(
  z.trim(),
  z.maxLength(2000),
  z.refine((s) => isSitePath(s) || /^(https?:\/\/|mailto:)[^\s"'<>]+$/i.test(s), {
    message: 'must be an http(s) or mailto: URL, or a path starting with "/"',
  }),
);

export const pageSettingsInput = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100)),
  logoUrl: z._default(z.nullable(logoUrl), null),
  brandColor: z._default(
    z.pipe(
      z.string().check(z.regex(HEX_COLOUR, 'must be a hex colour like "#1f6feb"')),
      z.transform((s: string) => s.toLowerCase()),
    ),
    '#1f6feb',
  ),
  footerLinks: z._default(
    z
      .array(z.strictObject({ label: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)), url: linkUrl }))
      .check(z.maxLength(10)),
    [],
  ),
});

export type PageSettings = z.output<typeof pageSettingsInput>;

export const DEFAULT_PAGE_SETTINGS: PageSettings = {
  name: 'Afterword',
  logoUrl: null,
  brandColor: '#1f6feb',
  footerLinks: [],
};

/** Reads a stored value leniently: anything that no longer validates falls back to the defaults, never to an error page. */
export function pageSettingsFrom(stored: unknown): PageSettings {
  if (stored === undefined || stored === null) return DEFAULT_PAGE_SETTINGS;
  const parsed = pageSettingsInput.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_PAGE_SETTINGS;
}
