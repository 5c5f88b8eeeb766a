// The Slack-compatible body (`{ text, blocks }`, as incoming webhooks accept) for a lead whose webhook is marked slack.
import { alertHeadline, isPostmortemAlert, type SlaAlertPayload } from '../core/sla/alert';

/** Slack renders `&`, `<` and `>` as control characters in mrkdwn: escape them in user-supplied text. */
function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackBody(p: SlaAlertPayload) {
  const headline = escapeMrkdwn(alertHeadline(p));
  const action =
    p.type === 'sla.met'
      ? 'No further reminders.'
      : isPostmortemAlert(p.type)
        ? 'Write the internal postmortem and record its link (`postmortem publish`).'
        : `<${p.links.summaryDraft}|Write and publish the summary>`;
  return {
    text: `${headline} (deadline ${p.deadline}, alert ${p.alertId})`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*\n${action} · <${p.links.incident}|Incident>` } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Deadline ${p.deadline} · state \`${p.state}\` · checkpoint \`${p.checkpoint}\` · alert \`${p.alertId}\``,
          },
        ],
      },
    ],
  };
}
