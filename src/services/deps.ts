// What every service receives: built once per entry (Node, Worker, CLI, test), never global.
import type { AlertPorts } from '../alerts/ports';
import type { Config } from '../config';
import type { Store } from '../db/store';

/** The current instant in epoch ms. Injected so tests (and `sla tick --now`) control time. */
export type Clock = () => number;

export interface Deps {
  store: Store;
  clock: Clock;
  config: Config;
  /** SLA alert delivery (webhook fetch, mailer, signing secret); absent: plain fetch, no email, unsigned webhooks refused. */
  alerts?: AlertPorts;
}
