#!/usr/bin/env node
// The Afterword command line: the `afterword` bin (dist/cli.js), `npm run -s cli -- <command>`.
import { runCli } from './program';

process.exitCode = await runCli(process.argv.slice(2));
