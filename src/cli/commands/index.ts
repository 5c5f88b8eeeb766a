// Every CLI command area, registered in one list.
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { registerLint } from './lint';
import { registerMigrate } from './migrate';
import { registerNotify } from './notify';
import { registerSeedDemo } from './seed-demo';
import { registerSla } from './sla';
import { registerToken } from './token';

export const commandAreas: ((program: Command, ctx: CliContext) => void)[] = [
  registerMigrate,
  registerToken,
  registerSeedDemo,
  registerSla,
  registerNotify,
  registerLint,
];
