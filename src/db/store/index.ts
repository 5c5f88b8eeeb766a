// The store: the only code that speaks drizzle. Each area contributes its own queries.
import type { Db } from '../db';
import { auditStore } from './audit';
import { componentStore } from './components';
import { idempotencyStore } from './idempotency';
import { incidentStore } from './incidents';
import { maintenanceStore } from './maintenances';
import { notificationStore } from './notifications';
import { postmortemStore } from './postmortems';
import { publicStore } from './public';
import { sessionStore } from './sessions';
import { settingsStore } from './settings';
import { slaStore } from './sla';
import { subscriberStore } from './subscribers';
import { summaryStore } from './summaries';
import { tokenStore } from './tokens';

export function createStore(db: Db) {
  return {
    db,
    audit: auditStore(db),
    components: componentStore(db),
    idempotency: idempotencyStore(db),
    incidents: incidentStore(db),
    maintenances: maintenanceStore(db),
    notifications: notificationStore(db),
    postmortems: postmortemStore(db),
    public: publicStore(db),
    sessions: sessionStore(db),
    settings: settingsStore(db),
    sla: slaStore(db),
    subscribers: subscriberStore(db),
    summaries: summaryStore(db),
    tokens: tokenStore(db),
  };
}

export type Store = ReturnType<typeof createStore>;
