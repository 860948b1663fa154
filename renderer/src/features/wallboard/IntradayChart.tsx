import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { IntervalMetrics } from '../../../../shared/metrics/types';

const volumeColour = '#4dabf7';
const slColour = '#ffd43b';
const hourMs = 3_600_000;

type Data = [number[], number[], Array<number | null>];

function toData(intervals: readonly IntervalMetrics[]): Data {
  return [
    intervals.map((i) => i.start),
    intervals.map((i) => i.offered),
    intervals.map((i) => (i.serviceLevel === null ? null : Math.round(i.serviceLevel * 1000) / 10)),
  ];
}

/** The chart for a box of this size: fonts and axes scale with it (a TV at 4K reads it too). */
function build(el: HTMLDivElement, data: Data, dayStart: number, timeZone: string): uPlot {
  const width = Math.max(100, el.clientWidth);
  const height = Math.max(80, el.clientHeight);
  const px = Math.max(11, Math.round(height * 0.075));
  const axis = {
    stroke: '#adb5bd',
    grid: { stroke: '#2c2e33', width: 1 },
    ticks: { stroke: '#2c2e33', size: Math.round(px / 3) },
    font: `${px}px system-ui, sans-serif`,
    gap: Math.round(px / 3),
  };
  const hour = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return new uPlot(
    {
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      padding: [Math.round(px / 2), Math.round(px / 2), 0, Math.round(px / 2)],
      scales: {
        // The whole local day, so the bars fill in as it goes.
        x: { time: false, range: () => [dayStart, dayStart + 24 * hourMs] },
        y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] },
        sl: { range: [0, 100] },
      },
      axes: [
        {
          ...axis,
          // Every 3, 6 or 12 hours, whichever leaves room for each label.
          splits: () => {
            const step = [3, 6, 12].find((h) => width / (24 / h) > px * 4.5) ?? 12;
            return Array.from({ length: 24 / step + 1 }, (_, i) => dayStart + i * step * hourMs);
          },
          values: (_u, values) => values.map((v) => hour.format(v)),
          size: px * 2.2,
        },
        {
          ...axis,
          scale: 'y',
          size: px * 3,
          // Whole contacts only, with room between the labels at any size.
          space: px * 2.5,
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
          values: (_u, values) => values.map((v) => String(v)),
        },
        {
          ...axis,
          scale: 'sl',
          side: 1,
          size: px * 3.4,
          grid: { show: false },
          splits: () => [0, 50, 100],
          values: (_u, values) => values.map((v) => `${v}%`),
        },
      ],
      series: [
        {},
        {
          scale: 'y',
          stroke: volumeColour,
          fill: `${volumeColour}99`,
          width: 0,
          paths: uPlot.paths.bars?.({ size: [0.85, Infinity], align: 1 }),
          points: { show: false },
        },
        {
          scale: 'sl',
          stroke: slColour,
          width: Math.max(2, px / 5),
          // A lone interval draws no line: show its point then.
          points: { show: (u: uPlot) => (u.data[2] ?? []).filter((v) => v != null).length <= 2, size: px / 1.5 },
          spanGaps: true,
        },
      ],
    },
    data,
    el,
  );
}

/**
 * Today's volume (bars, left axis) and service level (line, right axis 0–100 %) per 15 minutes,
 * with uPlot on a canvas sized to its box. Data is updated in place; a new size rebuilds it.
 */
export function IntradayChart({
  intervals,
  timeZone,
  dayStart,
}: {
  intervals: readonly IntervalMetrics[];
  timeZone: string;
  dayStart: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = useRef<Data>([[], [], []]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let size = '';
    const observer = new ResizeObserver(() => {
      const next = `${el.clientWidth}×${el.clientHeight}`;
      if (next === size) return;
      size = next;
      plot.current?.destroy();
      plot.current = build(el, data.current, dayStart, timeZone);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [timeZone, dayStart]);

  const signature = useRef('');
  useEffect(() => {
    // Redrawn only when the figures changed, after the frame's React work (a canvas draw is not urgent).
    const next = JSON.stringify(intervals);
    if (next === signature.current) return;
    signature.current = next;
    data.current = toData(intervals);
    requestAnimationFrame(() => plot.current?.setData(data.current));
  }, [intervals]);

  return <div ref={box} className="wb-chart" data-testid="intraday-chart" />;
}

export const chartColours = { volume: volumeColour, serviceLevel: slColour };
