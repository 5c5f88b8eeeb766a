// The one definition of what the publish API accepts. Routes validate with these schemas,
// services take their output types, and the CLI reuses them.

import {
  COMPONENT_STATUSES,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  SCOPES,
  SEVERITIES,
  WEBHOOK_KINDS,
} from './types';
import * as z from './zod';

/** ISO-8601 with an explicit offset ("Z" or "+02:00"), parsed to epoch ms. Local times are ambiguous, so rejected. */
export const instant = z.pipe(
  z.isoDateTime({
    offset: true,
    message: 'must be an ISO-8601 date-time with an explicit offset, e.g. 2026-11-26T14:05:00Z',
  }),
  z.transform((s: string) => Date.parse(s)),
);

// biome-ignore lint/suspicious/noControlCharactersInRegex: the C0 control characters are what is refused
const C0_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/**
 * Public text (titles, names, bodies): no C0 control characters but tab and line breaks (LF, and the
 * CR of text written with CRLF line endings, which XML allows and normalises). An ESC pasted
 * from a terminal (`\u001b[31m`) would otherwise make feeds ill-formed XML and pages show noise.
 */
const noControls = (max: number) =>
  z.string().check(
    z.trim(),
    z.maxLength(max),
    z.refine((s) => !C0_CONTROL.test(s), 'must not contain control characters (only tab and line breaks are allowed)'),
  );
const text = (max: number) => noControls(max).check(z.refine((s) => s.length > 0, 'must not be empty'));

const name = text(200);
const description = z.nullable(noControls(2000));
const position = z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000));
const id = z.string().check(z.minLength(1), z.maxLength(64));

/**
 * Lets one write through the live-text gate despite its leak findings (never `secret` or
 * `invisible-character`); the reason and the findings go to the audit log.
 */
export const gateOverride = z.strictObject({
  reason: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(500)),
});
export type GateOverride = z.output<typeof gateOverride>;
const override = z.optional(gateOverride);

/** The live-text gate's mode (settings key "gate"): `block` refuses leak findings (the default), `warn` only reports them. */
export const gateSettingsInput = z.strictObject({ liveText: z.enum(['block', 'warn']) });
export type GateSettings = z.output<typeof gateSettingsInput>;

export const componentStatus = z.enum(COMPONENT_STATUSES);
export const severity = z.enum(SEVERITIES);
export const incidentStatus = z.enum(INCIDENT_STATUSES);

export const createComponentInput = z.strictObject({
  name,
  description: z.optional(description),
  groupId: z.optional(z.nullable(id)),
  position: z.optional(position),
  status: z.optional(componentStatus),
  override,
});
export type CreateComponentInput = z.output<typeof createComponentInput>;

export const updateComponentInput = z.partial(createComponentInput);
export type UpdateComponentInput = z.output<typeof updateComponentInput>;

export const reorderComponentsInput = z.strictObject({
  ids: z.array(id).check(
    z.minLength(1),
    z.maxLength(1000),
    z.refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id'),
  ),
});

export const createGroupInput = z.strictObject({
  name,
  description: z.optional(description),
  position: z.optional(position),
  override,
});
export const updateGroupInput = z.partial(createGroupInput);
export type CreateGroupInput = z.output<typeof createGroupInput>;
export type UpdateGroupInput = z.output<typeof updateGroupInput>;

export const leadInput = z.strictObject({
  name,
  email: z.optional(z.nullable(z.email().check(z.maxLength(320)))),
  webhookUrl: z.optional(
    z.nullable(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).check(z.maxLength(2000))),
  ),
  webhookKind: z.optional(z.enum(WEBHOOK_KINDS)),
});

const affectedComponents = z.array(z.strictObject({ id, status: componentStatus })).check(
  z.maxLength(500),
  z.refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'must not list a component twice'),
);

const incidentFields = {
  title: name,
  severity,
  status: z.optional(incidentStatus),
  public: z.optional(z.nullable(z.boolean())),
  startedAt: instant,
  detectedAt: z.optional(z.nullable(instant)),
  acknowledgedAt: z.optional(z.nullable(instant)),
  resolvedAt: z.optional(z.nullable(instant)),
  lead: leadInput,
  components: z.optional(affectedComponents),
  override,
};

export const createIncidentInput = z.strictObject({
  ...incidentFields,
  /** The first public update's body; defaults to a plain "We are investigating" line. */
  message: z.optional(text(20_000)),
});
export type CreateIncidentInput = z.output<typeof createIncidentInput>;

export const updateIncidentInput = z.partial(
  z.strictObject({
    ...incidentFields,
    lead: z.partial(leadInput),
    message: z.optional(text(20_000)),
  }),
);
export type UpdateIncidentInput = z.output<typeof updateIncidentInput>;

export const resolveIncidentInput = z.strictObject({
  resolvedAt: z.optional(instant),
  message: z.optional(text(20_000)),
  override,
});
export type ResolveIncidentInput = z.output<typeof resolveIncidentInput>;

export const createUpdateInput = z.strictObject({
  status: incidentStatus,
  body: text(20_000),
  components: z.optional(affectedComponents),
  override,
});
export type CreateUpdateInput = z.output<typeof createUpdateInput>;

/** A correction of a posted update's text (its status and time stay as posted). */
export const editUpdateInput = z.strictObject({
  body: text(20_000),
  override,
});
export type EditUpdateInput = z.output<typeof editUpdateInput>;

/** A query parameter listing values separated by commas ("open,resolved"), as an array. */
export const commaList = z.pipe(
  z.string(),
  z.transform((s: string) => s.split(',').filter(Boolean)),
);

export const listIncidentsQuery = z.strictObject({
  status: z.optional(z.pipe(commaList, z.array(z.union([incidentStatus, z.literal('open')])))),
  severity: z.optional(z.pipe(commaList, z.array(severity))),
  startedFrom: z.optional(instant),
  startedTo: z.optional(instant),
  limit: z._default(z.coercedNumber().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});
export type ListIncidentsQuery = z.output<typeof listIncidentsQuery>;

const maintenanceFields = {
  title: name,
  body: z.optional(z.nullable(noControls(20_000))),
  status: z.optional(z.enum(MAINTENANCE_STATUSES)),
  scheduledFor: instant,
  scheduledUntil: instant,
  components: z.optional(z.array(id).check(z.maxLength(500))),
  override,
};
export const createMaintenanceInput = z.strictObject(maintenanceFields).check(
  z.refine((m) => m.scheduledUntil > m.scheduledFor, {
    path: ['scheduledUntil'],
    message: 'must be after scheduledFor',
  }),
);
export type CreateMaintenanceInput = z.output<typeof createMaintenanceInput>;
export const updateMaintenanceInput = z.partial(z.strictObject(maintenanceFields));
export type UpdateMaintenanceInput = z.output<typeof updateMaintenanceInput>;

export const createTokenInput = z.strictObject({
  name,
  scopes: z.array(z.enum(SCOPES)).check(z.minLength(1, 'must name at least one scope'), z.maxLength(SCOPES.length)),
});
export type CreateTokenInput = z.output<typeof createTokenInput>;
