import type { CallQuality } from '../../../shared/softphone/types';

/**
 * Mean opinion score from network figures, after the ITU-T G.107 E-model as
 * simplified for VoIP monitoring: one-way latency (half the RTT, plus jitter
 * buffer and codec delay) and packet loss lower the R factor, R maps to MOS.
 */
export function estimateMos(rttMs: number | null, jitterMs: number, packetLoss: number): number {
  const latency = (rttMs ?? 40) / 2 + jitterMs * 2 + 10;
  let r = latency < 160 ? 93.2 - latency / 40 : 93.2 - (latency - 120) / 10;
  r -= packetLoss * 100 * 2.5;
  r = Math.max(0, Math.min(100, r));
  const mos = 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
  return Math.round(Math.min(4.5, Math.max(1, mos)) * 100) / 100;
}

interface Totals {
  readonly packetsReceived: number;
  readonly packetsLost: number;
}

/**
 * Reads one RTCStatsReport into a quality sample. Loss is over the interval
 * since the previous sample (`previous`), so an old burst does not haunt the
 * whole call.
 */
export function qualityFromStats(
  report: RTCStatsReport,
  previous: Totals | null,
): { quality: CallQuality; totals: Totals } {
  let inbound: Record<string, unknown> | undefined;
  let outboundBytes = 0;
  let rttSeconds: number | null = null;
  report.forEach((entry: Record<string, unknown>) => {
    if (entry.type === 'inbound-rtp' && entry.kind === 'audio') inbound = entry;
    if (entry.type === 'outbound-rtp' && entry.kind === 'audio') outboundBytes += Number(entry.bytesSent ?? 0);
    if (entry.type === 'remote-inbound-rtp' && typeof entry.roundTripTime === 'number')
      rttSeconds = entry.roundTripTime;
    if (
      rttSeconds === null &&
      entry.type === 'candidate-pair' &&
      entry.nominated &&
      typeof entry.currentRoundTripTime === 'number'
    ) {
      rttSeconds = entry.currentRoundTripTime;
    }
  });
  const packetsReceived = Number(inbound?.packetsReceived ?? 0);
  const packetsLost = Math.max(0, Number(inbound?.packetsLost ?? 0));
  const deltaReceived = packetsReceived - (previous?.packetsReceived ?? 0);
  const deltaLost = packetsLost - (previous?.packetsLost ?? 0);
  const packetLoss =
    deltaReceived + deltaLost > 0 ? Math.max(0, deltaLost) / (deltaReceived + Math.max(0, deltaLost)) : 0;
  const jitterMs = Number(inbound?.jitter ?? 0) * 1000;
  const rttMs = rttSeconds === null ? null : (rttSeconds as number) * 1000;
  return {
    quality: {
      rttMs,
      jitterMs,
      packetLoss,
      mos: estimateMos(rttMs, jitterMs, packetLoss),
      inboundBytes: Number(inbound?.bytesReceived ?? 0),
      outboundBytes,
      audioLevel: Math.min(1, Math.max(0, Number(inbound?.audioLevel ?? 0))),
    },
    totals: { packetsReceived, packetsLost },
  };
}
