// The public error pages (404 and 400): still branded, still useful, and they say the status too.
import type { FC } from 'hono/jsx';
import type { PageSettings } from '../../../core/public/page-settings';
import type { OverallStatus } from '../../../core/public/status';
import { Layout } from './layout';

const HEADINGS = { 400: 'That address is not quite right', 404: 'Not found' } as const;

export const ErrorPageView: FC<{
  settings: PageSettings;
  pageUrl: string;
  status: OverallStatus | null;
  code: 400 | 404;
  what: string;
  path: string;
}> = ({ settings, pageUrl, status, code, what, path }) => (
  <Layout
    settings={settings}
    pageUrl={pageUrl}
    status={status}
    title={HEADINGS[code]}
    description={status ? `${what} Current status: ${status.description}.` : what}
    path={path}
  >
    <h1>{HEADINGS[code]}</h1>
    <p>{what}</p>
    {status ? (
      <p>
        Current status: <strong>{status.description}</strong>.
      </p>
    ) : null}
    <p>
      <a href="/">Current status</a> · <a href="/history">Incident history</a>
    </p>
  </Layout>
);
