// The postmortem template `postmortem new` writes: every header field and section the linter
// expects, with prompts in place of content.
import type { Severity } from './types';

export function postmortemTemplate(title: string, severity: Severity, today: string): string {
  return `# ${title}

- **Severity:** ${severity}
- **Date:** ${today}
- **Incident:** <!-- Afterword incident id, if it has one; else delete this line -->
- **Started:** ${today} 00:00 UTC
- **Detected:** ${today} 00:00 UTC
- **Resolved:** ${today} 00:00 UTC
- **Duration:** 0m
- **Customer impact:** <!-- one line: who saw what -->
- **Author:** <!-- whoever handled the incident -->
- **Reviewers:** <!-- a second engineer who was not involved -->
- **Tags:** <!-- systems involved, comma-separated -->

## Timeline (UTC)

Rebuilt minute by minute from logs, alerts, deploy history and chat. A row whose source cannot be
named does not go in. Mark the rows for the metrics: an event starting "Detected:",
"Acknowledged:" or "Resolved:".

| Time (UTC) | Event | Source |
|---|---|---|
| ${today} 00:00 | <!-- what started it --> | <!-- deploy log, alert, chat link --> |
| 00:00 | Detected: <!-- first alert or report --> | |
| 00:00 | Acknowledged: <!-- a person is on it --> | |
| 00:00 | Resolved: <!-- impact ends --> | |

## What happened

<!-- The forensic narrative, past tense, systems not people. -->

## Five whys

1. Why …? Because …
2. Why …? Because …
3. Why …? Because …

Root cause: <!-- one sentence, a property of the system -->

## Customer-facing summary

### What happened

<!-- Impact in plain words, start and end in UTC. -->

### Who was affected

<!-- Share of users, regions, plans; no internal jargon. -->

### What we did

<!-- The remediation, not the analysis. -->

### What we are doing to prevent it

<!-- The top two actions, plainly, with dates; no owners. -->

## Action items

| Type | Action | Owner | Due | Ticket |
|---|---|---|---|---|
| Prevent | | | | |
| Detect | | | | |
| Contain | | | | |

## What went well

- 
- 

## Open questions

- <!-- question --> — <!-- @person to chase it -->
`;
}
