// Builds the Node runtime's deps (server and CLI share it): SQLite file, system clock, env config,
// and the SLA alert ports (fetch, SMTP from SMTP_URL, the webhook signing secret).
import { smtpMailer } from './alerts/node-smtp';
import { type AlertPorts, DEFAULT_EMAIL_FROM } from './alerts/ports';
import { parseConfig } from './config';
import { openSqlite, type SqliteHandle } from './db/node-sqlite';
import { createStore } from './db/store';
import { nodeWebhookFetch } from './node-fetch';
import type { Deps } from './services/deps';

export const DEFAULT_DATABASE_PATH = './data/afterword.db';

function alertPorts(env: NodeJS.ProcessEnv): { ports: AlertPorts; close(): void } {
  const emailFrom = env.AFTERWORD_EMAIL_FROM || DEFAULT_EMAIL_FROM;
  const mailer = env.SMTP_URL ? smtpMailer(env.SMTP_URL, emailFrom) : null;
  return {
    ports: {
      fetch: nodeWebhookFetch({ allowPrivate: env.AFTERWORD_ALLOW_PRIVATE_TARGETS === '1' }),
      mailer,
      webhookSecret: env.AFTERWORD_WEBHOOK_SECRET || null,
      emailFrom,
      allowPrivateTargets: env.AFTERWORD_ALLOW_PRIVATE_TARGETS === '1',
    },
    close: () => mailer?.close(),
  };
}

export function nodeDeps(env: NodeJS.ProcessEnv = process.env): { deps: Deps; handle: SqliteHandle } {
  const handle = openSqlite(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
  const config = parseConfig({
    PUBLIC_URL: env.PUBLIC_URL || `http://localhost:${env.PORT || 8787}`,
    AFTERWORD_SLA_FALLBACK_WEBHOOK_URL: env.AFTERWORD_SLA_FALLBACK_WEBHOOK_URL,
    AFTERWORD_SLA_FALLBACK_WEBHOOK_KIND: env.AFTERWORD_SLA_FALLBACK_WEBHOOK_KIND,
    AFTERWORD_SLA_FALLBACK_EMAIL: env.AFTERWORD_SLA_FALLBACK_EMAIL,
    AFTERWORD_ALLOW_PRIVATE_TARGETS: env.AFTERWORD_ALLOW_PRIVATE_TARGETS,
    AFTERWORD_LINK_SECRET: env.AFTERWORD_LINK_SECRET,
    AFTERWORD_WEBHOOK_SECRET: env.AFTERWORD_WEBHOOK_SECRET,
  });
  const alerts = alertPorts(env);
  const close = handle.close;
  return {
    deps: { store: createStore(handle.db), clock: () => Date.now(), config, alerts: alerts.ports },
    handle: {
      ...handle,
      close() {
        alerts.close();
        close();
      },
    },
  };
}
