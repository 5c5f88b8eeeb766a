// The page frame: branding from the "page" settings, local assets only, a slot for the stale notice.

import { raw } from 'hono/html';
import type { Child, FC } from 'hono/jsx';
import type { PageSettings } from '../../../core/public/page-settings';
import { documentTitle, type FaviconState, faviconState } from '../../../core/public/preview';
import type { OverallStatus } from '../../../core/public/status';
import { IconSprite } from './parts';

/** Replaced by a visible notice when a stored render is served because the database could not be read. */
export const NOTICE_SLOT = '<!--afterword:notice-->';

/** Where each state's favicon lives (public/); the operational one keeps the historic name. */
export const FAVICON: Record<FaviconState | 'unknown', string> = {
  operational: '/favicon.svg',
  minor: '/favicon-minor.svg',
  major: '/favicon-major.svg',
  critical: '/favicon-critical.svg',
  maintenance: '/favicon-maintenance.svg',
  unknown: '/favicon-unknown.svg',
};

export interface LayoutProps {
  settings: PageSettings;
  /** The page's public base URL (no trailing slash), for og:url. */
  pageUrl: string;
  /** The page's overall status now; null when it cannot be known (an error page while the database is down). */
  status: OverallStatus | null;
  /** This page's own title ("Incident history, November 2026"); none on the home page. */
  title?: string;
  /** What a link preview says under the title. */
  description: string;
  /** This page's path and query, for og:url. */
  path: string;
  children?: Child;
}

export const Layout: FC<LayoutProps> = ({ settings, pageUrl, status, title, description, path, children }) => {
  const fullTitle = documentTitle(settings.name, title, status);
  const icon = FAVICON[status === null ? 'unknown' : faviconState(status)];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content={`${settings.name} status`} />
        <meta property="og:title" content={fullTitle} />
        <meta property="og:description" content={description} />
        <meta property="og:url" content={`${pageUrl}${path}`} />
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={fullTitle} />
        <meta name="twitter:description" content={description} />
        <link rel="icon" href={icon} type="image/svg+xml" />
        <link rel="stylesheet" href="/afterword.css" />
        <link
          rel="alternate"
          type="application/atom+xml"
          href="/history.atom"
          title={`${settings.name} incident history (Atom)`}
        />
        <link
          rel="alternate"
          type="application/rss+xml"
          href="/history.rss"
          title={`${settings.name} incident history (RSS)`}
        />
        {/* The brand colour is validated as #rrggbb before it is stored, so it is safe inside CSS. */}
        {raw(`<style>:root{--brand:${settings.brandColor}}</style>`)}
        <script src="/local-time.js" defer />
      </head>
      <body>
        <IconSprite />
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site">
          <div class="wrap site-inner">
            <a class="brand" href="/">
              {settings.logoUrl ? (
                <img src={settings.logoUrl} alt={settings.name} height="32" />
              ) : (
                <span>{settings.name}</span>
              )}
              <span class="brand-sub">Status</span>
            </a>
            <nav aria-label="Status page">
              <a href="/">Current status</a>
              <a href="/history">History</a>
              <a href="/history.atom">Feed</a>
              <a class="subscribe" href="/subscribe">
                Subscribe to updates
              </a>
            </nav>
          </div>
        </header>
        {raw(NOTICE_SLOT)}
        <main id="main" class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            {settings.footerLinks.length > 0 ? (
              <ul class="footer-links">
                {settings.footerLinks.map((l) => (
                  <li>
                    <a href={l.url}>{l.label}</a>
                  </li>
                ))}
              </ul>
            ) : null}
            <p>
              All times are UTC. Machine-readable: <a href="/api/v2/summary.json">summary.json</a> ·{' '}
              <a href="/history.rss">RSS</a> · <a href="/badge.svg">badge</a>. Powered by Afterword.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
};

/** The notice shown above a stored page while the database cannot be read. */
export function staleNotice(renderedAt: string): string {
  return `<div class="stale-notice" role="status"><div class="wrap"><strong>This page may be out of date.</strong> We cannot reach our status database right now, so this is the page as it was at <time datetime="${renderedAt}">${renderedAt.slice(0, 10)} ${renderedAt.slice(11, 16)} UTC</time>.</div></div>`;
}
