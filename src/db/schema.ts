// The database schema: the single source of the tables. drizzle-kit generates drizzle/*.sql from it.
// Instants are INTEGER epoch milliseconds (UTC). Ids are opaque text. Columns are named by their keys in
// snake_case (drizzle's `casing: 'snake_case'`, set in drizzle.config.ts and wherever drizzle() is
// called); a column keeps its name written out only where drizzle derives another name from it (a
// `.unique()` index is named after the key, so those columns name themselves to keep their index).
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES, SEVERITIES, WEBHOOK_KINDS } from '../core/types';

const createdAt = () => integer().notNull();
const updatedAt = () => integer().notNull();

export const componentGroups = sqliteTable('component_groups', {
  id: text().primaryKey(),
  name: text().notNull(),
  description: text(),
  position: integer().notNull().default(sql`0`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const components = sqliteTable(
  'components',
  {
    id: text().primaryKey(),
    name: text().notNull(),
    description: text(),
    groupId: text().references(() => componentGroups.id, { onDelete: 'set null' }),
    position: integer().notNull().default(sql`0`),
    status: text({ enum: COMPONENT_STATUSES }).notNull().default('operational'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('components_group_position').on(t.groupId, t.position)],
);

export const incidents = sqliteTable(
  'incidents',
  {
    id: text().primaryKey(),
    title: text().notNull(),
    severity: text({ enum: SEVERITIES }).notNull(),
    status: text({ enum: INCIDENT_STATUSES }).notNull().default('investigating'),
    public: integer({ mode: 'boolean' }),
    startedAt: integer().notNull(),
    detectedAt: integer(),
    acknowledgedAt: integer(),
    resolvedAt: integer(),
    leadName: text().notNull(),
    leadEmail: text(),
    leadWebhookUrl: text(),
    leadWebhookKind: text({ enum: WEBHOOK_KINDS }).notNull().default('generic'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('incidents_started_at').on(t.startedAt), index('incidents_status').on(t.status)],
);

export const incidentComponents = sqliteTable(
  'incident_components',
  {
    incidentId: text()
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    componentId: text()
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    status: text({ enum: COMPONENT_STATUSES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.componentId] }),
    index('incident_components_component').on(t.componentId),
  ],
);

export const incidentUpdates = sqliteTable(
  'incident_updates',
  {
    id: text().primaryKey(),
    incidentId: text()
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    status: text({ enum: INCIDENT_STATUSES }).notNull(),
    body: text().notNull(),
    createdAt: createdAt(),
    /** When the body was last corrected (PATCH); null: as first posted. */
    editedAt: integer(),
  },
  (t) => [index('incident_updates_incident').on(t.incidentId, t.createdAt)],
);

export const maintenances = sqliteTable(
  'maintenances',
  {
    id: text().primaryKey(),
    title: text().notNull(),
    body: text(),
    status: text({ enum: MAINTENANCE_STATUSES }).notNull().default('scheduled'),
    scheduledFor: integer().notNull(),
    scheduledUntil: integer().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('maintenances_window').on(t.scheduledFor, t.scheduledUntil)],
);

export const maintenanceComponents = sqliteTable(
  'maintenance_components',
  {
    maintenanceId: text()
      .notNull()
      .references(() => maintenances.id, { onDelete: 'cascade' }),
    componentId: text()
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.maintenanceId, t.componentId] })],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: text().primaryKey(),
  name: text().notNull(),
  /** SHA-256 of the token, hex. The token itself is never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  /** JSON array of scopes. */
  scopes: text({ mode: 'json' }).$type<string[]>().notNull(),
  createdAt: createdAt(),
  lastUsedAt: integer(),
  revokedAt: integer(),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text().primaryKey(),
    tokenId: text(),
    actor: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    at: integer().notNull(),
    /** What the entry needs beyond its action (a live-text gate override: the reason and the findings). Never a credential. */
    details: text({ mode: 'json' }),
  },
  (t) => [index('audit_log_target').on(t.targetType, t.targetId), index('audit_log_at').on(t.at)],
);

/** Stored responses of POSTs made with an Idempotency-Key, per token. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tokenId: text().notNull(),
    key: text().notNull(),
    fingerprint: text().notNull(),
    status: integer().notNull(),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] })],
);

/** Organisation settings (page branding, SLA, lexicon ...), one JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text({ mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
});

/**
 * One row, bumped inside every atomic write batch that changes public output: readers (the public page cache, ETags) compare it
 * to know whether anything changed, across processes (CLI beside the server) and Worker isolates.
 */
export const dataVersion = sqliteTable('data_version', {
  id: integer().primaryKey(),
  version: integer().notNull(),
  /** When public output last changed (the newest audit instant at the last bump): the public `updated_at`. */
  changedAt: integer().notNull().default(sql`0`),
});

/** Every saved draft of an incident's customer summary, numbered 1, 2, 3 ... per incident. */
export const summaryVersions = sqliteTable(
  'summary_versions',
  {
    id: text().primaryKey(),
    incidentId: text()
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    markdown: text().notNull(),
    /** True when the version has no error finding (it may be published). */
    ok: integer({ mode: 'boolean' }).notNull(),
    words: integer().notNull(),
    findings: text({ mode: 'json' }).notNull(),
    createdAt: createdAt(),
    createdByTokenId: text(),
    createdBy: text().notNull(),
  },
  (t) => [uniqueIndex('summary_versions_incident_version').on(t.incidentId, t.version)],
);

/** Publications: which version of an incident's summary went public, when and by whom. */
export const summaryPublications = sqliteTable(
  'summary_publications',
  {
    id: text().primaryKey(),
    incidentId: text()
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    summaryVersionId: text()
      .notNull()
      .references(() => summaryVersions.id, { onDelete: 'cascade' }),
    publishedAt: integer().notNull(),
    publishedByTokenId: text(),
    publishedBy: text().notNull(),
  },
  (t) => [
    uniqueIndex('summary_publications_incident_version').on(t.incidentId, t.version),
    index('summary_publications_published_at').on(t.publishedAt),
  ],
);

/**
 * Domain events: what a public-facing write changed (`incident.created`, `summary.published` ...),
 * inserted in the same atomic batch as the change itself. The notify tick fans each one out to the
 * matching subscribers (one notification per subscriber, UNIQUE by dedupe key), then stamps `fanned_out_at`.
 */
export const domainEvents = sqliteTable(
  'domain_events',
  {
    id: text().primaryKey(),
    type: text().notNull(),
    subjectId: text().notNull(),
    /** JSON array of the component and group ids the event concerns (empty: the whole page). */
    scope: text({ mode: 'json' }).$type<string[]>().notNull(),
    /** The public text the notification carries (already through the gate). */
    payload: text({ mode: 'json' }).notNull(),
    occurredAt: integer().notNull(),
    fannedOutAt: integer(),
    /** JSON array of the subscriber channels that receive it (a correction reaches webhooks only); null: every channel. */
    channels: text({ mode: 'json' }).$type<string[]>(),
  },
  (t) => [index('domain_events_pending').on(t.fannedOutAt, t.occurredAt)],
);

/** Visitors who follow the page: by email (double opt-in), signed webhook, or Slack incoming webhook. */
export const subscribers = sqliteTable(
  'subscribers',
  {
    id: text().primaryKey(),
    channel: text({ enum: ['email', 'webhook', 'slack'] }).notNull(),
    /** The email address or webhook URL, normalised (email lower-cased). */
    address: text().notNull(),
    status: text({ enum: ['pending', 'confirmed'] }).notNull(),
    /** True: every component (no component or group chosen). */
    everything: integer({ mode: 'boolean' }).notNull(),
    maintenance: integer({ mode: 'boolean' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    confirmedAt: integer(),
  },
  (t) => [
    uniqueIndex('subscribers_channel_address').on(t.channel, t.address),
    index('subscribers_status').on(t.status),
  ],
);

/** What a subscriber follows when not everything: component ids and group ids. */
export const subscriberTargets = sqliteTable(
  'subscriber_targets',
  {
    subscriberId: text()
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    targetId: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.targetId] }), index('subscriber_targets_target').on(t.targetId)],
);

/** Fixed-window counters for sign-up rate limits (keys are hashes of a client address or an email). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: integer().notNull(),
  count: integer().notNull(),
});

/**
 * The one notification outbox: SLA alerts (kind `sla`) and subscriber notifications (kind `subscriber`),
 * delivered at least once with the same id. `dedupe_key` is UNIQUE: one SLA alert per incident,
 * checkpoint and channel; one subscriber notification per event and subscriber.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text().primaryKey(),
    kind: text({ enum: ['sla', 'subscriber'] }).notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    incidentId: text().references(() => incidents.id, { onDelete: 'cascade' }),
    checkpoint: text(),
    eventId: text(),
    subscriberId: text().references(() => subscribers.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    channel: text().notNull(),
    /** SLA: the route when queued (the current one is resolved per attempt). Subscriber rows: empty, read per attempt. */
    target: text().notNull(),
    payload: text({ mode: 'json' }).notNull(),
    status: text({ enum: ['pending', 'delivered', 'dead', 'cancelled'] }).notNull(),
    attempts: integer().notNull().default(sql`0`),
    nextAttemptAt: integer().notNull(),
    lastError: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deliveredAt: integer(),
  },
  (t) => [
    index('notifications_due').on(t.status, t.nextAttemptAt),
    index('notifications_incident').on(t.incidentId, t.checkpoint),
    index('notifications_subscriber').on(t.subscriberId),
  ],
);

/**
 * Console sign-ins (issue 13): browser sessions and one-time sign-in links. Only the SHA-256 of the
 * session id (or link code) is stored, like tokens; the id itself lives in the browser's cookie (or
 * the printed link). A session acts with its token's scopes and dies with the token (revoked: refused;
 * deleted: cascaded).
 */
export const consoleSessions = sqliteTable(
  'console_sessions',
  {
    idHash: text().primaryKey(),
    kind: text({ enum: ['session', 'link'] }).notNull(),
    tokenId: text()
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    /** JSON array: the token's scopes when the session began. */
    scopes: text({ mode: 'json' }).$type<string[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: integer().notNull(),
  },
  (t) => [index('console_sessions_token').on(t.tokenId), index('console_sessions_expires_at').on(t.expiresAt)],
);

/**
 * The internal postmortem document of an incident (issue 14): its link, recorded by `postmortem
 * publish` or `PUT /api/v1/incidents/:id/postmortem`. Internal only: no public query reads this table.
 * `linked_at` is the first recording (it stops the postmortem clock); a later, different URL moves
 * `updated_at` and the recorder, never `linked_at`.
 */
export const postmortemLinks = sqliteTable('postmortem_links', {
  incidentId: text()
    .primaryKey()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  url: text().notNull(),
  linkedAt: integer().notNull(),
  updatedAt: updatedAt(),
  /** Who recorded the current URL: the token's name or the system label; the token id when a token did. */
  linkedBy: text().notNull(),
  linkedByTokenId: text(),
});
