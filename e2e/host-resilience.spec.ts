import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { expect, test } from './support/fixtures';

// The host outlives its terminal: a closed pipe or SSH session must not turn into an
// error loop (each failed console write logging another error) that fills the disk.
test('keeps serving, with a small log, after its stdout and stderr are gone', async ({ host }) => {
  host.process.stdout?.destroy();
  host.process.stderr?.destroy();

  // Each bad frame logs a warning, which the host would print to the (gone) terminal.
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}api`);
  // Listen before the connection opens: the server's hello may come in the same tick.
  let refused = 0;
  const allRefused = new Promise<void>((resolve) =>
    ws.on('message', (data) => {
      if ((JSON.parse(data.toString()) as { t: string }).t === 'error') refused += 1;
      if (refused === 500) resolve();
    }),
  );
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  for (let i = 0; i < 500; i++) ws.send('not json');
  await allRefused;
  ws.close();

  const health = await fetch(`${host.url}healthz`);
  expect(health.status).toBe(200);
  expect(host.process.exitCode).toBeNull();
  const log = path.join(host.dataDir, 'logs', 'seatdesk.log');
  // 500 warnings are about 100 kB; a loop would be megabytes within a second.
  expect(fs.statSync(log).size).toBeLessThan(400_000);
});
