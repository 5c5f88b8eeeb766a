// Every CLI command area, registered in one list. An area is loaded only when its command runs, so
// `afterword --help` and `afterword lint` start without the SQLite driver or the other areas' code.
// Adding an area is one line here: its name, its one-line summary, and how to load its register function.
import type { Command } from 'commander';
import type { CliContext } from '../context';

export type RegisterArea = (program: Command, ctx: CliContext) => void;

export interface CommandArea {
  /** The top-level command, e.g. `sla` (its subcommands are the area's own business). */
  name: string;
  /** Shown by `afterword --help`, before the area is loaded. */
  summary: string;
  /** False only for areas that never open the database: the SQLite driver is then not loaded at all. */
  database?: false;
  load(): Promise<RegisterArea>;
}

export const commandAreas: CommandArea[] = [
  {
    name: 'migrate',
    summary: 'create or migrate the database (DATABASE_PATH)',
    load: async () => (await import('./migrate')).registerMigrate,
  },
  { name: 'token', summary: 'manage API tokens', load: async () => (await import('./token')).registerToken },
  {
    name: 'seed-demo',
    summary: 'fill the database with a demo status page',
    load: async () => (await import('./seed-demo')).registerSeedDemo,
  },
  {
    name: 'sla',
    summary: 'the 48-hour customer-summary SLA: clocks and alerts',
    load: async () => (await import('./sla')).registerSla,
  },
  {
    name: 'notify',
    summary: 'the notification outbox: SLA alerts and subscriber updates',
    load: async () => (await import('./notify')).registerNotify,
  },
  {
    name: 'lint',
    summary: 'check a customer summary (no database needed)',
    database: false,
    load: async () => (await import('./lint')).registerLint,
  },
  {
    name: 'postmortem',
    summary: 'postmortems as code: new, lint (no database needed), publish, report',
    database: false,
    load: async () => (await import('./postmortem')).registerPostmortem,
  },
  {
    name: 'console',
    summary: 'the publisher console at /admin',
    load: async () => (await import('./console')).registerConsole,
  },
];
