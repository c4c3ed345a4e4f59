// Starts the real trae-health binary the way tests/support/server_process.hpp
// does: a fresh DATA_DIR, ephemeral ports, and the HTTPS port read from the
// "listening" JSON log line on standard error. Stopping sends SIGTERM and
// reports the exit code, which must be 0 (a clean drain).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export async function startServer(binary, logPath) {
  const dataDir = mkdtempSync(join(tmpdir(), 'trae-e2e-'));
  const child = spawn(binary, ['serve'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      HTTPS_PORT: '0',
      HTTP_PORT: '0',
      BIND_ADDRESS: '127.0.0.1',
      DEPLOY_ENV: 'test',
      // Two full sign-up flows from one address within a minute are not abuse:
      // a budget they never reach, with the limiter still in the path.
      API_RATE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const log = createWriteStream(logPath);
  const errors = []; // log lines at level "error": the server hit something unexpected
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? `signal ${signal}`)));

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not log "listening" within 60 s; see ${logPath}`)), 60_000);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited during start-up (${code}); see ${logPath}`));
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      log.write(line + '\n');
      let j;
      try {
        j = JSON.parse(line);
      } catch {
        return;
      }
      if (j.level === 'error') errors.push(line);
      if (j.msg === 'listening' && j.https_port > 0) {
        clearTimeout(timer);
        resolve(j.https_port);
      }
    });
  });

  return {
    origin: `https://127.0.0.1:${port}`,
    errors,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const hardStop = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(hardStop);
      process.off('exit', killOnExit);
      await new Promise((resolve) => log.end(resolve));
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
