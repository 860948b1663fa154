import { describe, expect, it } from 'vitest';
import { EventBus } from '../api/event-bus';
import { MemorySink, createLogger } from '../log/logger';
import { ContractMediaBridge } from './contract-media-bridge';

describe('ContractMediaBridge', () => {
  it('sends media requests only to the client that attached, and takes answers only from it', async () => {
    const events = new EventBus();
    const seen: Array<{ name: string; audience: string | undefined; requestId?: string; engineId?: string }> = [];
    events.subscribe((name, payload, audience) => seen.push({ name, audience, ...(payload as object) }));
    const bridge = new ContractMediaBridge(events, createLogger(new MemorySink()), 1000);
    const engineId = bridge.attach('ws#1 127.0.0.1');

    const sdp = bridge.createLocalDescription('line-1', { hold: false, iceRestart: false });
    const request = seen.find((e) => e.name === 'media.request');
    expect(request).toMatchObject({ audience: 'ws#1 127.0.0.1', engineId });

    // Another tab that saw nothing cannot answer in the engine's place, even with the right ids.
    expect(
      bridge.respond({ engineId, requestId: request?.requestId ?? '', ok: true, sdp: 'v=0 forged' }, 'ws#2 127.0.0.1'),
    ).toBe(false);
    expect(
      bridge.respond({ engineId, requestId: request?.requestId ?? '', ok: true, sdp: 'v=0 real' }, 'ws#1 127.0.0.1'),
    ).toBe(true);
    await expect(sdp).resolves.toBe('v=0 real');
    expect(bridge.isCurrent(engineId, 'ws#2 127.0.0.1')).toBe(false);
  });

  it('answers with a clear error when no engine is attached', async () => {
    const bridge = new ContractMediaBridge(new EventBus(), createLogger(new MemorySink()));
    await expect(bridge.createLocalDescription('line-1', { hold: false, iceRestart: false })).rejects.toMatchObject({
      code: 'unavailable',
    });
  });
});
