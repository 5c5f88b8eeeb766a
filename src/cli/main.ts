// The Afterword command line: `npm run -s cli -- <command>`.
import { runCli } from './program';

process.exitCode = await runCli(process.argv.slice(2));
