import { useEffect } from 'react';
import type { Interaction } from '../../../shared/center/types';

/**
 * Training mode's demo line has no SIP call behind it: once the agent answers, the
 * simulated caller speaks a short synthesized clip (renderer/public/training/) on the
 * selected speaker, so the voice flow is practised with sound.
 */
export function demoCallClip(locale: string): string {
  return locale.startsWith('zh') ? '/training/caller-zh.ogg' : '/training/caller-en.ogg';
}

export function useDemoCallAudio(interaction: Interaction | undefined, locale: string, outputId: string): void {
  const playing = interaction?.channel === 'voice' && interaction.lineId === null && interaction.state === 'active';
  const id = interaction?.id;
  useEffect(() => {
    if (!playing || id === undefined) return;
    const audio = new Audio(demoCallClip(locale));
    audio.dataset.demoCall = id;
    if (outputId && 'setSinkId' in audio) void audio.setSinkId(outputId).catch(() => undefined);
    // Autoplay may be refused before the page had a click; the answer click counts as one.
    void audio.play().catch(() => undefined);
    return () => {
      audio.pause();
      audio.src = '';
    };
  }, [playing, id, locale, outputId]);
}
