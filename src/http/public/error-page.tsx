// The branded HTML error page for visitors (unknown paths, bad page parameters): API paths keep
// problem+json. It still tells the page's status; if even that cannot be read, it says only what went wrong.
import type { Context } from 'hono';
import { DEFAULT_PAGE_SETTINGS } from '../../core/public/page-settings';
import type { OverallStatus } from '../../core/public/status';
import { snapshotStatus } from '../../core/public/statuspage';
import { loadStatusSnapshot } from '../../services/public-page';
import type { AppEnv } from '../env';
import { ErrorPageView } from './views/not-found';

export async function htmlErrorPage(c: Context<AppEnv>, code: 400 | 404, what: string): Promise<Response> {
  const deps = c.get('deps');
  let settings = DEFAULT_PAGE_SETTINGS;
  let status: OverallStatus | null = null;
  try {
    const s = await loadStatusSnapshot({ deps });
    settings = s.page.settings;
    status = snapshotStatus(s);
  } catch {
    // The database cannot be read: the error page still renders, with the default branding.
  }
  const url = new URL(c.req.url);
  const view = (
    <ErrorPageView
      settings={settings}
      pageUrl={deps.config.publicUrl}
      status={status}
      code={code}
      what={what}
      path={`${url.pathname}${url.search}`}
    />
  );
  return c.html(`<!doctype html>${await view.toString()}`, code);
}
