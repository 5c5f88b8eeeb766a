// The container image. With a Docker engine, the image is built and measured; without one (this
// machine has only the client), the build is skipped loudly and the Dockerfile is linted instead
// (dockerfile-utils, the VS Code Dockerfile validator: hadolint has no npm or Debian package) and
// checked for what the image promises: multi-stage, non-root, /data volume, HEALTHCHECK, HOST=0.0.0.0.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/processes';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .filter((l) => /^[A-Z]+\s/.test(l));
const lastStage = instructions.slice(instructions.findLastIndex((l) => l.startsWith('FROM ')));

const engine = spawnSync('docker', ['info'], { encoding: 'utf8', timeout: 15_000 }).status === 0;
if (!engine) {
  console.warn(
    '\n*** SKIPPED: building the container image (no Docker engine: `docker info` failed). The Dockerfile is linted instead. ***\n',
  );
}

describe('Dockerfile', () => {
  it('passes the Dockerfile linter (which does flag a broken one)', () => {
    expect(validate('FROM\nEXPOSE port\nCMD')).not.toEqual([]);
    expect(validate(dockerfile)).toEqual([]);
  });

  it('builds in one stage and runs from another, as a non-root user, with /data and a health check', () => {
    expect(instructions.filter((l) => l.startsWith('FROM ')).length).toBeGreaterThanOrEqual(2);
    expect(lastStage).toContain('USER node');
    expect(lastStage).toContain('VOLUME /data');
    expect(lastStage.find((l) => l.startsWith('HEALTHCHECK '))).toMatch(/\/healthz/);
    expect(lastStage.find((l) => l.startsWith('ENV '))).toMatch(/HOST=0\.0\.0\.0[\s\S]*DATABASE_PATH=\/data\//);
    expect(lastStage).toContain('EXPOSE 8787');
    // Exec form, so `docker stop` signals node itself and it drains before exiting.
    expect(lastStage.at(-1)).toBe('CMD ["node", "dist/node.js"]');
    // The build writes public/console.js and public/api/openapi.json (never committed, so absent from a
    // clean clone's build context): the runtime takes public/ from the build stage.
    expect(lastStage).toContain('COPY --from=build /app/public ./public');
    const copyPublic = instructions.indexOf('COPY public ./public');
    expect(copyPublic).toBeGreaterThan(0);
    expect(copyPublic).toBeLessThan(instructions.findIndex((l) => l.startsWith('RUN npm run build')));
    // No compiler in the runtime stage.
    expect(lastStage.join('\n')).not.toMatch(/g\+\+|apk add|apt-get/);
  });

  it.skipIf(!engine)('builds an image under 200 MB whose compiled CLI runs', { timeout: 900_000 }, () => {
    const tag = `afterword-test:${process.pid}`;
    const build = spawnSync('docker', ['build', '-t', tag, '.'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const size = Number(
      spawnSync('docker', ['image', 'inspect', tag, '--format', '{{.Size}}'], { encoding: 'utf8' }).stdout,
    );
    expect(size).toBeLessThan(200 * 1024 * 1024);
    const run = spawnSync('docker', ['run', '--rm', '--entrypoint', 'node', tag, 'dist/cli.js', '--version'], {
      encoding: 'utf8',
    });
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    spawnSync('docker', ['image', 'rm', tag]);
  });
});
