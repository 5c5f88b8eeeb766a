// The database schema: the single source of the tables. drizzle-kit generates drizzle/*.sql from it.
// Instants are INTEGER epoch milliseconds (UTC). Ids are opaque text.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES, SEVERITIES, WEBHOOK_KINDS } from '../core/types';

const createdAt = () => integer('created_at').notNull();
const updatedAt = () => integer('updated_at').notNull();

export const componentGroups = sqliteTable('component_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  position: integer('position').notNull().default(sql`0`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const components = sqliteTable(
  'components',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    groupId: text('group_id').references(() => componentGroups.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(sql`0`),
    status: text('status', { enum: COMPONENT_STATUSES }).notNull().default('operational'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('components_group_position').on(t.groupId, t.position)],
);

export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull().default('investigating'),
    public: integer('public', { mode: 'boolean' }),
    startedAt: integer('started_at').notNull(),
    detectedAt: integer('detected_at'),
    acknowledgedAt: integer('acknowledged_at'),
    resolvedAt: integer('resolved_at'),
    leadName: text('lead_name').notNull(),
    leadEmail: text('lead_email'),
    leadWebhookUrl: text('lead_webhook_url'),
    leadWebhookKind: text('lead_webhook_kind', { enum: WEBHOOK_KINDS }).notNull().default('generic'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('incidents_started_at').on(t.startedAt), index('incidents_status').on(t.status)],
);

export const incidentComponents = sqliteTable(
  'incident_components',
  {
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    componentId: text('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    status: text('status', { enum: COMPONENT_STATUSES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.componentId] }),
    index('incident_components_component').on(t.componentId),
  ],
);

export const incidentUpdates = sqliteTable(
  'incident_updates',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    /** When the body was last corrected (PATCH); null: as first posted. */
    editedAt: integer('edited_at'),
  },
  (t) => [index('incident_updates_incident').on(t.incidentId, t.createdAt)],
);

export const maintenances = sqliteTable(
  'maintenances',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    body: text('body'),
    status: text('status', { enum: MAINTENANCE_STATUSES }).notNull().default('scheduled'),
    scheduledFor: integer('scheduled_for').notNull(),
    scheduledUntil: integer('scheduled_until').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('maintenances_window').on(t.scheduledFor, t.scheduledUntil)],
);

export const maintenanceComponents = sqliteTable(
  'maintenance_components',
  {
    maintenanceId: text('maintenance_id')
      .notNull()
      .references(() => maintenances.id, { onDelete: 'cascade' }),
    componentId: text('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.maintenanceId, t.componentId] })],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** SHA-256 of the token, hex. The token itself is never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  /** JSON array of scopes. */
  scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: createdAt(),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at'),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    tokenId: text('token_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    at: integer('at').notNull(),
    /** What the entry needs beyond its action (a live-text gate override: the reason and the findings). Never a credential. */
    details: text('details', { mode: 'json' }),
  },
  (t) => [index('audit_log_target').on(t.targetType, t.targetId), index('audit_log_at').on(t.at)],
);

/** Stored responses of POSTs made with an Idempotency-Key, per token. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tokenId: text('token_id').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] })],
);

/** Organisation settings (page branding, SLA, lexicon ...), one JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
});

/**
 * One row, bumped inside every atomic write batch that changes public output: readers (the public page cache, ETags) compare it
 * to know whether anything changed, across processes (CLI beside the server) and Worker isolates.
 */
export const dataVersion = sqliteTable('data_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
  /** When public output last changed (the newest audit instant at the last bump): the public `updated_at`. */
  changedAt: integer('changed_at').notNull().default(sql`0`),
});

/** Every saved draft of an incident's customer summary, numbered 1, 2, 3 ... per incident. */
export const summaryVersions = sqliteTable(
  'summary_versions',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    markdown: text('markdown').notNull(),
    /** True when the version has no error finding (it may be published). */
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    words: integer('words').notNull(),
    findings: text('findings', { mode: 'json' }).notNull(),
    createdAt: createdAt(),
    createdByTokenId: text('created_by_token_id'),
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('summary_versions_incident_version').on(t.incidentId, t.version)],
);

/** Publications: which version of an incident's summary went public, when and by whom. */
export const summaryPublications = sqliteTable(
  'summary_publications',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    summaryVersionId: text('summary_version_id')
      .notNull()
      .references(() => summaryVersions.id, { onDelete: 'cascade' }),
    publishedAt: integer('published_at').notNull(),
    publishedByTokenId: text('published_by_token_id'),
    publishedBy: text('published_by').notNull(),
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
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** JSON array of the component and group ids the event concerns (empty: the whole page). */
    scope: text('scope', { mode: 'json' }).$type<string[]>().notNull(),
    /** The public text the notification carries (already through the gate). */
    payload: text('payload', { mode: 'json' }).notNull(),
    occurredAt: integer('occurred_at').notNull(),
    fannedOutAt: integer('fanned_out_at'),
    /** JSON array of the subscriber channels that receive it (a correction reaches webhooks only); null: every channel. */
    channels: text('channels', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [index('domain_events_pending').on(t.fannedOutAt, t.occurredAt)],
);

/** Visitors who follow the page: by email (double opt-in), signed webhook, or Slack incoming webhook. */
export const subscribers = sqliteTable(
  'subscribers',
  {
    id: text('id').primaryKey(),
    channel: text('channel', { enum: ['email', 'webhook', 'slack'] }).notNull(),
    /** The email address or webhook URL, normalised (email lower-cased). */
    address: text('address').notNull(),
    status: text('status', { enum: ['pending', 'confirmed'] }).notNull(),
    /** True: every component (no component or group chosen). */
    everything: integer('everything', { mode: 'boolean' }).notNull(),
    maintenance: integer('maintenance', { mode: 'boolean' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    confirmedAt: integer('confirmed_at'),
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
    subscriberId: text('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    targetId: text('target_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.targetId] }), index('subscriber_targets_target').on(t.targetId)],
);

/** Fixed-window counters for sign-up rate limits (keys are hashes of a client address or an email). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});

/**
 * The one notification outbox: SLA alerts (kind `sla`) and subscriber notifications (kind `subscriber`),
 * delivered at least once with the same id. `dedupe_key` is UNIQUE: one SLA alert per incident,
 * checkpoint and channel; one subscriber notification per event and subscriber.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['sla', 'subscriber'] }).notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    incidentId: text('incident_id').references(() => incidents.id, { onDelete: 'cascade' }),
    checkpoint: text('checkpoint'),
    eventId: text('event_id'),
    subscriberId: text('subscriber_id').references(() => subscribers.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    channel: text('channel').notNull(),
    /** SLA: the route when queued (the current one is resolved per attempt). Subscriber rows: empty, read per attempt. */
    target: text('target').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'dead', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(sql`0`),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deliveredAt: integer('delivered_at'),
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
    idHash: text('id_hash').primaryKey(),
    kind: text('kind', { enum: ['session', 'link'] }).notNull(),
    tokenId: text('token_id')
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    /** JSON array: the token's scopes when the session began. */
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('console_sessions_token').on(t.tokenId), index('console_sessions_expires_at').on(t.expiresAt)],
);
