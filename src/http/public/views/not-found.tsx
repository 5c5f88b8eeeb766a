// The public 404: still branded, still useful.
import type { FC } from 'hono/jsx';
import type { PageSettings } from '../../../core/public/page-settings';
import { Layout } from './layout';

export const NotFoundView: FC<{ settings: PageSettings; what: string }> = ({ settings, what }) => (
  <Layout settings={settings} title={`Not found · ${settings.name} status`}>
    <h1>Not found</h1>
    <p>{what}</p>
    <p>
      <a href="/">Current status</a> · <a href="/history">Incident history</a>
    </p>
  </Layout>
);
