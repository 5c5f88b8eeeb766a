// The one definition of what the publish API accepts. Routes validate with these schemas,
// services take their output types, and the CLI reuses them.
import * as z from 'zod';
import {
  COMPONENT_STATUSES,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  SCOPES,
  SEVERITIES,
  WEBHOOK_KINDS,
} from './types';

/** ISO-8601 with an explicit offset ("Z" or "+02:00"), parsed to epoch ms. Local times are ambiguous, so rejected. */
export const instant = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO-8601 date-time with an explicit offset, e.g. 2026-11-26T14:05:00Z',
  })
  .transform((s) => Date.parse(s));

// biome-ignore lint/suspicious/noControlCharactersInRegex: the C0 control characters are what is refused
const C0_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/**
 * Public text (titles, names, bodies): no C0 control characters but tab and line breaks (LF, and the
 * CR of text written with CRLF line endings, which XML allows and normalises). An ESC pasted
 * from a terminal (`\u001b[31m`) would otherwise make feeds ill-formed XML and pages show noise.
 */
const noControls = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !C0_CONTROL.test(s), 'must not contain control characters (only tab and line breaks are allowed)');
const text = (max: number) => noControls(max).refine((s) => s.length > 0, 'must not be empty');

const name = text(200);
const description = noControls(2000).nullable();
const position = z.number().int().min(0).max(1_000_000);
const id = z.string().min(1).max(64);

/**
 * Lets one write through the live-text gate despite its leak findings (never `secret` or
 * `invisible-character`); the reason and the findings go to the audit log.
 */
export const gateOverride = z.strictObject({ reason: z.string().trim().min(1, 'must not be empty').max(500) });
export type GateOverride = z.output<typeof gateOverride>;
const override = gateOverride.optional();

/** The live-text gate's mode (settings key "gate"): `block` refuses leak findings (the default), `warn` only reports them. */
export const gateSettingsInput = z.strictObject({ liveText: z.enum(['block', 'warn']) });
export type GateSettings = z.output<typeof gateSettingsInput>;

export const componentStatus = z.enum(COMPONENT_STATUSES);
export const severity = z.enum(SEVERITIES);
export const incidentStatus = z.enum(INCIDENT_STATUSES);

export const createComponentInput = z.strictObject({
  name,
  description: description.optional(),
  groupId: id.nullable().optional(),
  position: position.optional(),
  status: componentStatus.optional(),
  override,
});
export type CreateComponentInput = z.output<typeof createComponentInput>;

export const updateComponentInput = createComponentInput.partial();
export type UpdateComponentInput = z.output<typeof updateComponentInput>;

export const reorderComponentsInput = z.strictObject({
  ids: z
    .array(id)
    .min(1)
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id'),
});

export const createGroupInput = z.strictObject({
  name,
  description: description.optional(),
  position: position.optional(),
  override,
});
export const updateGroupInput = createGroupInput.partial();
export type CreateGroupInput = z.output<typeof createGroupInput>;
export type UpdateGroupInput = z.output<typeof updateGroupInput>;

export const leadInput = z.strictObject({
  name,
  email: z.email().max(320).nullable().optional(),
  webhookUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2000)
    .nullable()
    .optional(),
  webhookKind: z.enum(WEBHOOK_KINDS).optional(),
});

const affectedComponents = z
  .array(z.strictObject({ id, status: componentStatus }))
  .max(500)
  .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'must not list a component twice');

const incidentFields = {
  title: name,
  severity,
  status: incidentStatus.optional(),
  public: z.boolean().nullable().optional(),
  startedAt: instant,
  detectedAt: instant.nullable().optional(),
  acknowledgedAt: instant.nullable().optional(),
  resolvedAt: instant.nullable().optional(),
  lead: leadInput,
  components: affectedComponents.optional(),
  override,
};

export const createIncidentInput = z.strictObject({
  ...incidentFields,
  /** The first public update's body; defaults to a plain "We are investigating" line. */
  message: text(20_000).optional(),
});
export type CreateIncidentInput = z.output<typeof createIncidentInput>;

export const updateIncidentInput = z
  .strictObject({
    ...incidentFields,
    lead: leadInput.partial(),
    message: text(20_000).optional(),
  })
  .partial();
export type UpdateIncidentInput = z.output<typeof updateIncidentInput>;

export const resolveIncidentInput = z.strictObject({
  resolvedAt: instant.optional(),
  message: text(20_000).optional(),
  override,
});
export type ResolveIncidentInput = z.output<typeof resolveIncidentInput>;

export const createUpdateInput = z.strictObject({
  status: incidentStatus,
  body: text(20_000),
  components: affectedComponents.optional(),
  override,
});
export type CreateUpdateInput = z.output<typeof createUpdateInput>;

/** A correction of a posted update's text (its status and time stay as posted). */
export const editUpdateInput = z.strictObject({
  body: text(20_000),
  override,
});
export type EditUpdateInput = z.output<typeof editUpdateInput>;

export const listIncidentsQuery = z.strictObject({
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.union([incidentStatus, z.literal('open')])))
    .optional(),
  severity: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(severity))
    .optional(),
  startedFrom: instant.optional(),
  startedTo: instant.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type ListIncidentsQuery = z.output<typeof listIncidentsQuery>;

const maintenanceFields = {
  title: name,
  body: noControls(20_000).nullable().optional(),
  status: z.enum(MAINTENANCE_STATUSES).optional(),
  scheduledFor: instant,
  scheduledUntil: instant,
  components: z.array(id).max(500).optional(),
  override,
};
export const createMaintenanceInput = z
  .strictObject(maintenanceFields)
  .refine((m) => m.scheduledUntil > m.scheduledFor, {
    path: ['scheduledUntil'],
    message: 'must be after scheduledFor',
  });
export type CreateMaintenanceInput = z.output<typeof createMaintenanceInput>;
export const updateMaintenanceInput = z.strictObject(maintenanceFields).partial();
export type UpdateMaintenanceInput = z.output<typeof updateMaintenanceInput>;

export const createTokenInput = z.strictObject({
  name,
  scopes: z.array(z.enum(SCOPES)).min(1, 'must name at least one scope').max(SCOPES.length),
});
export type CreateTokenInput = z.output<typeof createTokenInput>;
