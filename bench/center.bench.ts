import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultQueues } from '../electron/center/center-seed';
import { EmbeddedCenter } from '../electron/center/embedded-center';
import { EventBus } from '../electron/api/event-bus';
import { SqlClient } from '../electron/db/sql-client';
import { createLogger, MemorySink } from '../electron/log/logger';
import { percentile, round, type Benchmark } from './types';

/**
 * center.route_ms: from a chat created until it is offered to an agent, on a floor of 500
 * agents with 5,000 contacts already waiting (in queues those agents do not serve, so each
 * measured contact really is routed among 500 candidates). Measured through the embedded
 * center with its SQLite writes (the worker thread, a real file), as in production.
 */

const agentCount = 500;
const waitingCount = 5000;
const samples = 300;

export const centerBenchmark: Benchmark = {
  name: 'center',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-bench-center-'));
    const log = createLogger(new MemorySink(), 'bench');
    const db = await SqlClient.open({ file: path.join(dir, 'center.db'), log });
    const center = new EmbeddedCenter({ db, events: new EventBus(), log, now: Date.now });
    try {
      await center.load();
      const [, chat] = defaultQueues('en');
      if (!chat) throw new Error('no chat queue');
      // The backlog: 50 queues nobody on this floor is skilled for.
      for (let q = 0; q < 50; q++) {
        await center.saveQueue({
          ...chat,
          id: `backlog-${q}`,
          name: `Backlog ${q}`,
          skill: `backlog-${q}`,
          priority: q % 10,
        });
      }
      await center.saveQueue({ ...chat, id: 'measured', name: 'Measured', skill: 'measured', priority: 50 });
      for (let i = 0; i < waitingCount; i++) {
        await center.customerStart(
          { queueId: `backlog-${i % 50}`, name: `Waiting ${i}`, identity: '' },
          () => undefined,
        );
      }
      for (let a = 0; a < agentCount; a++) {
        await center.upsertAgent(
          { id: `agent-${a}`, name: `Agent ${a}`, skills: ['measured', `backlog-x`], maxChats: 3 },
          'ready',
        );
      }
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const started = performance.now();
        const { interaction } = await center.customerStart(
          { queueId: 'measured', name: `Customer ${i}`, identity: '' },
          () => undefined,
        );
        const elapsed = performance.now() - started;
        if (interaction.state !== 'offered') throw new Error(`contact ${i} was not offered (${interaction.state})`);
        times.push(elapsed);
        // Keep the floor's load steady: the agent accepts, so capacity fills as in real traffic.
        await center.accept(interaction.offeredTo ?? '', interaction.id);
      }
      return [{ id: 'center.route_ms', value: round(percentile(times, 95), 2), unit: 'ms', better: 'lower' }];
    } finally {
      center.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
