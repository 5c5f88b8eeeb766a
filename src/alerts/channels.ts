// The channel registry: how each channel (webhook, slack, email) renders each notification kind (SLA
// alerts, subscriber events, subscription messages). Delivery is one machinery; only rendering differs.
import type { EventPayload } from '../core/events';
import type { SlaAlertPayload } from '../core/sla/alert';
import { alertEmail } from './email';
import type { EmailMessage } from './ports';
import { slackBody } from './slack';

export const CHANNELS = ['webhook', 'slack', 'email'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** The signed links a subscriber notification carries (null for SLA alerts). */
export interface SubscriberLinks {
  manage: string;
  unsubscribe: string;
  confirm: string;
}

/** One notification at the moment of sending: its id is the same on every attempt. */
export interface Renderable {
  id: string;
  kind: 'sla' | 'subscriber';
  type: string;
  payload: unknown;
  /** Where it goes on this attempt (an email address or a URL), resolved per attempt. */
  target: string;
  links: SubscriberLinks | null;
  /** The challenge a webhook subscriber must echo to confirm (subscription.challenge only). */
  challenge?: string;
}

export type Outbound =
  | { via: 'http'; body: string; headers: Record<string, string>; signed: boolean }
  | { via: 'email'; message: EmailMessage };

export interface Channel {
  render(n: Renderable): Outbound;
}

/** What a subscription message says (confirmation requests, "already subscribed"). */
export interface SubscriptionPayload {
  pageName: string;
  publicUrl: string;
}

function sla(n: Renderable): SlaAlertPayload {
  return n.payload as SlaAlertPayload;
}

function event(n: Renderable): EventPayload {
  return n.payload as EventPayload;
}

const EVENT_WORDS: Record<string, string> = {
  'incident.created': 'New incident',
  'incident.updated': 'Incident update',
  'incident.resolved': 'Resolved',
  'incident.update_edited': 'Correction',
  'incident.update_retracted': 'Update retracted',
  'summary.published': 'Incident summary published',
  'maintenance.scheduled': 'Maintenance scheduled',
  'maintenance.started': 'Maintenance started',
  'maintenance.completed': 'Maintenance completed',
};

/** "Resolved: Checkout errors": one line for subjects and chat. */
export function eventHeadline(p: EventPayload): string {
  return `${EVENT_WORDS[p.type] ?? p.type}: ${p.title}`;
}

/** The words a person reads: a correction (people only hear of one to the latest update) says what it corrects. */
function eventMessage(p: EventPayload): string | null {
  if (p.type === 'incident.update_edited' && p.message) return `The latest update now reads: ${p.message}`;
  return p.message;
}

function eventText(p: EventPayload, links: SubscriberLinks | null): string {
  const lines = [eventHeadline(p), '', `Status: ${p.status.replace(/_/g, ' ')}`];
  if (p.window) lines.push(`Window: ${p.window.from} to ${p.window.until}`);
  const message = eventMessage(p);
  if (message) lines.push('', message);
  lines.push('', `Details: ${p.url}`);
  if (links) lines.push('', `Manage your subscription: ${links.manage}`, `Unsubscribe: ${links.unsubscribe}`);
  return lines.join('\n');
}

/** The documented webhook body of a subscriber notification: the event, its id, and nothing private. */
export function eventWebhookBody(id: string, p: EventPayload) {
  return { notificationId: id, ...p };
}

function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function json(body: unknown, signed: boolean): Outbound {
  return { via: 'http', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, signed };
}

function subscriberEmail(n: Renderable, subject: string, text: string, withUnsubscribe: boolean): Outbound {
  const headers: Record<string, string> = { 'X-Afterword-Notification-Id': n.id };
  if (withUnsubscribe && n.links) {
    // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to this URL.
    headers['List-Unsubscribe'] = `<${n.links.unsubscribe}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return {
    via: 'email',
    message: { to: n.target, subject, text, messageId: `<${n.id}@afterword.notifications>`, headers },
  };
}

export const channels: Record<ChannelName, Channel> = {
  webhook: {
    render(n) {
      if (n.kind === 'sla') return json(sla(n), true);
      if (n.type === 'subscription.challenge') {
        return json({ notificationId: n.id, type: n.type, challenge: n.challenge }, true);
      }
      return json(eventWebhookBody(n.id, event(n)), true);
    },
  },
  slack: {
    render(n) {
      if (n.kind === 'sla') return json(slackBody(sla(n)), false);
      if (n.type === 'subscription.confirm') {
        return json(
          { text: `Someone subscribed this channel to status updates. Confirm within 48 hours: ${n.links?.confirm}` },
          false,
        );
      }
      const p = event(n);
      const message = eventMessage(p);
      const text = `*${escapeMrkdwn(eventHeadline(p))}*${message ? `\n${escapeMrkdwn(message)}` : ''}\n<${p.url}|Details>`;
      return json(
        { text: `${eventHeadline(p)} (${p.url})`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
        false,
      );
    },
  },
  email: {
    render(n) {
      if (n.kind === 'sla') {
        return { via: 'email', message: alertEmail(sla(n), n.target) };
      }
      const sp = n.payload as SubscriptionPayload;
      if (n.type === 'subscription.confirm') {
        return subscriberEmail(
          n,
          `Confirm your subscription to ${sp.pageName}`,
          [
            `Someone (hopefully you) asked to receive status updates from ${sp.pageName} at this address.`,
            '',
            `Confirm within 48 hours: ${n.links?.confirm}`,
            '',
            'If it was not you, ignore this message: nothing more will be sent.',
          ].join('\n'),
          false,
        );
      }
      if (n.type === 'subscription.exists') {
        return subscriberEmail(
          n,
          `Your subscription to ${sp.pageName}`,
          [
            `This address already receives status updates from ${sp.pageName}.`,
            '',
            `Change what you follow: ${n.links?.manage}`,
            `Unsubscribe: ${n.links?.unsubscribe}`,
          ].join('\n'),
          true,
        );
      }
      const p = event(n);
      return subscriberEmail(n, eventHeadline(p), eventText(p, n.links), true);
    },
  },
};
