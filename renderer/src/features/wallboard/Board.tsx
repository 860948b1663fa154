import {
  IconAlertOctagonFilled,
  IconAlertTriangleFilled,
  IconCircleCheckFilled,
  IconCircleDashed,
  IconClockPause,
  IconHeadphones,
  IconPencil,
  IconPhoneRinging,
  IconPlugConnectedX,
  IconSpeakerphone,
  IconStarFilled,
  IconUserCheck,
  IconWifiOff,
  type Icon,
} from '@tabler/icons-react';
import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState } from '../../../../shared/domain/status';
import { formatNumber, formatPercent, formatTime, formatTimer } from '../../../../shared/format';
import type { AgentMetrics, QueueMetrics } from '../../../../shared/metrics/types';
import type { Level, Thresholds, WallboardSnapshot } from '../../../../shared/wallboard/types';
import { longestWaitLevel } from '../../../../shared/wallboard/types';
import { useNow } from '../../hooks/useNow';
import {
  agentStateOrder,
  countByState,
  isStale,
  longestWaitAt,
  pageOf,
  pageTurnMs,
  queueLevel,
  sortAgents,
} from './board-logic';
import { chartColours, IntradayChart } from './IntradayChart';
import type { WallboardData } from './wallboard-store';
import './wallboard.css';

const tilesPerPage = 6;
const agentsPerPage = 36;

const levelIcons: Record<Level, Icon> = {
  good: IconCircleCheckFilled,
  warning: IconAlertTriangleFilled,
  bad: IconAlertOctagonFilled,
  none: IconCircleDashed,
};

export const stateIcons: Record<AgentState, Icon> = {
  ready: IconUserCheck,
  offered: IconPhoneRinging,
  on_contact: IconHeadphones,
  acw: IconPencil,
  not_ready: IconClockPause,
  offline: IconPlugConnectedX,
};

const dash = '—';

/** Formats shares and durations that may be missing (nothing to compute from yet). */
function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(
    () => ({
      percent: (v: number | null) => (v === null ? dash : formatPercent(lang, v)),
      duration: (ms: number | null) => (ms === null ? dash : formatTimer(ms / 1000)),
      count: (n: number) => formatNumber(lang, n),
      time: (at: number) => formatTime(lang, at),
    }),
    [lang],
  );
}

/** The turn of a page of tiles or agents, every 10 s. */
function usePageTurn(): number {
  const [turn, setTurn] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTurn((n) => n + 1), pageTurnMs);
    return () => clearInterval(timer);
  }, []);
  return turn;
}

/** A figure with its label above it. */
function Cell({ label, value, kpi }: { label: string; value: string; kpi: string }) {
  return (
    <div className="wb-cell">
      <div className="wb-cell-label wb-ellipsis">{label}</div>
      <div className="wb-cell-value" data-kpi={kpi}>
        {value}
      </div>
    </div>
  );
}

/** A label and its figure on one line. */
function Inline({ label, value, kpi }: { label: string; value: string; kpi?: string }) {
  return (
    <div className="wb-ellipsis">
      {label} <b data-kpi={kpi}>{value}</b>
    </div>
  );
}

const QueueTile = memo(function QueueTile({
  queue,
  thresholds,
  now,
}: {
  queue: QueueMetrics;
  thresholds: Thresholds;
  now: number;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const waitMs = longestWaitAt(queue, now);
  const level = queueLevel(queue, waitMs, thresholds);
  const LevelIcon = levelIcons[level];
  const waitLevel = longestWaitLevel(waitMs, thresholds);
  const today = queue.today;
  return (
    <article
      className="wb-tile wb-dimmable"
      data-level={level}
      data-testid="queue-tile"
      data-queue-id={queue.queueId}
      aria-label={queue.name}
    >
      <div className="wb-tile-head">
        <span className="wb-ellipsis">{queue.name}</span>
        <span className="wb-level" data-testid="tile-level">
          <LevelIcon aria-hidden />
          {t(`wallboard.level.${level}`)}
        </span>
      </div>
      <div className="wb-tile-main">
        <div className="wb-kpi">
          <div className="wb-num" data-kpi="serviceLevel">
            {f.percent(today.serviceLevel)}
          </div>
          <div className="wb-num-label">
            {t('wallboard.kpi.slTarget', {
              target: f.percent(queue.serviceLevel.target),
              seconds: queue.serviceLevel.thresholdSeconds,
            })}
          </div>
        </div>
        <div className="wb-kpi" style={{ textAlign: 'end' }}>
          <div className="wb-num" data-kpi="longestWait" data-level={waitLevel}>
            {f.duration(waitMs)}
          </div>
          <div className="wb-num-label">{t('wallboard.kpi.longestWait')}</div>
        </div>
      </div>
      <div className="wb-cells">
        <Cell label={t('wallboard.kpi.waiting')} kpi="waiting" value={f.count(queue.waiting)} />
        <Cell label={t('wallboard.kpi.asa')} kpi="asa" value={f.duration(today.asaMs)} />
        <Cell label={t('wallboard.kpi.aht')} kpi="aht" value={f.duration(today.ahtMs)} />
        <Cell label={t('wallboard.kpi.abandonRate')} kpi="abandonRate" value={f.percent(today.abandonRate)} />
      </div>
      <div className="wb-cells small">
        <Inline label={t('wallboard.kpi.offered')} kpi="offered" value={f.count(today.offered)} />
        <Inline label={t('wallboard.kpi.answered')} kpi="answered" value={f.count(today.answered)} />
        <Inline label={t('wallboard.kpi.abandoned')} kpi="abandoned" value={f.count(today.abandoned)} />
        <Inline label={t('wallboard.kpi.handled')} kpi="handled" value={f.count(today.handled)} />
      </div>
      <div className="wb-cells small">
        <Inline label={t('wallboard.state.ready')} value={f.count(queue.agents.ready)} />
        <Inline
          label={t('wallboard.state.on_contact')}
          value={f.count(queue.agents.onContact + queue.agents.offered)}
        />
        <Inline label={t('wallboard.state.acw')} value={f.count(queue.agents.acw)} />
        <Inline label={t('wallboard.state.not_ready')} value={f.count(queue.agents.notReady)} />
      </div>
    </article>
  );
});

const AgentCell = memo(function AgentCell({ agent, now }: { agent: AgentMetrics; now: number }) {
  const { t } = useTranslation();
  const StateIcon = stateIcons[agent.state];
  const label =
    agent.state === 'not_ready' && agent.reason
      ? t(`wallboard.reason.${agent.reason}`, { defaultValue: agent.reason })
      : t(`wallboard.state.${agent.state}`);
  return (
    <div
      className="wb-agent wb-dimmable"
      data-state={agent.state}
      data-testid="agent-cell"
      data-agent-id={agent.agentId}
    >
      <div className="wb-agent-name wb-ellipsis">{agent.name}</div>
      <div className="wb-agent-line">
        <StateIcon aria-hidden />
        <span className="wb-ellipsis" data-testid="agent-state">
          {label}
        </span>
        <span className="wb-agent-timer" data-testid="agent-timer">
          {formatTimer((now - agent.since) / 1000)}
        </span>
      </div>
    </div>
  );
});

function formatDate(lang: string, at: number): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'full' }).format(at);
}

function Ticker({ snapshot }: { snapshot: WallboardSnapshot }) {
  const { t, i18n } = useTranslation();
  const turn = usePageTurn();
  const items = snapshot.announcements;
  const item = items.length > 0 ? items[turn % items.length] : undefined;
  if (!item) {
    return (
      <footer className="wb-ticker" data-testid="ticker">
        <span className="wb-ticker-date">{formatDate(i18n.language, snapshot.serverTime)}</span>
      </footer>
    );
  }
  const KindIcon = item.kind === 'kudos' ? IconStarFilled : IconSpeakerphone;
  return (
    <footer className="wb-ticker" data-testid="ticker" data-kind={item.kind}>
      <KindIcon aria-hidden />
      <span className="wb-ticker-kind">{t(`wallboard.ticker.${item.kind}`)}</span>
      <span className="wb-ellipsis">{item.text}</span>
    </footer>
  );
}

/**
 * The wallboard screen. `data` comes from the store (pushes, resyncs); the clock ticks locally
 * every second on the server's time (the offset measured at the last arrival).
 */
export function Board({ data }: { data: WallboardData }) {
  const { t } = useTranslation();
  const f = useFormat();
  const localNow = useNow();
  const now = localNow + data.offsetMs;
  const turn = usePageTurn();
  const snapshot = data.snapshot;
  const stale = isStale(data.receivedAt, localNow);
  const sortedAgents = useMemo(() => sortAgents(snapshot?.metrics.agents ?? []), [snapshot]);
  const counts = useMemo(() => countByState(sortedAgents), [sortedAgents]);

  if (!snapshot) {
    return (
      <div className="wb" data-testid="wallboard" data-stale="true">
        <header className="wb-head">
          <h1 className="wb-title">{t('wallboard.title')}</h1>
        </header>
        <div className="wb-empty" style={{ gridRow: '2 / -1' }}>
          {t('wallboard.waitingForData')}
        </div>
      </div>
    );
  }
  const { metrics, thresholds } = snapshot;
  const tiles = pageOf(metrics.queues, tilesPerPage, turn);
  const agents = pageOf(sortedAgents, agentsPerPage, turn);
  const longest = Math.max(0, ...metrics.queues.map((q) => longestWaitAt(q, now)));
  const staleSeconds = data.receivedAt === null ? 0 : Math.floor((localNow - data.receivedAt) / 1000);

  return (
    <div className="wb" data-testid="wallboard" data-stale={stale} data-rev={snapshot.rev} data-seq={metrics.lastSeq}>
      <header className="wb-head">
        <h1 className="wb-title">{t('wallboard.title')}</h1>
        <div className="wb-floor wb-dimmable" data-testid="floor">
          <span className="wb-floor-item">
            <span className="wb-floor-value" data-kpi="waiting">
              {f.count(metrics.total.waiting)}
            </span>
            <span className="wb-floor-label">{t('wallboard.kpi.waiting')}</span>
          </span>
          <span className="wb-floor-item">
            <span className="wb-floor-value">{f.duration(longest)}</span>
            <span className="wb-floor-label">{t('wallboard.kpi.longestWait')}</span>
          </span>
          <span className="wb-floor-item">
            <span className="wb-floor-value" data-kpi="serviceLevel">
              {f.percent(metrics.total.today.serviceLevel)}
            </span>
            <span className="wb-floor-label">{t('wallboard.kpi.serviceLevel')}</span>
          </span>
          <span className="wb-floor-item">
            <span className="wb-floor-value">{f.percent(metrics.total.today.abandonRate)}</span>
            <span className="wb-floor-label">{t('wallboard.kpi.abandonRate')}</span>
          </span>
          <span className="wb-floor-item">
            <span className="wb-floor-value" data-kpi="handled">
              {f.count(metrics.total.today.handled)}
            </span>
            <span className="wb-floor-label">{t('wallboard.kpi.handled')}</span>
          </span>
        </div>
        <div className="wb-clock">
          <span className="wb-now" data-testid="wallboard-clock">
            {f.time(now)}
          </span>
          <span className="wb-updated" data-testid="last-updated">
            {t('wallboard.lastUpdated', { time: f.time(snapshot.serverTime) })}
          </span>
        </div>
      </header>
      {stale && (
        <div className="wb-stale" role="alert" data-testid="stale-banner">
          <IconWifiOff aria-hidden />
          <span className="wb-ellipsis">{t('wallboard.stale', { seconds: staleSeconds })}</span>
        </div>
      )}
      <section className="wb-queues" aria-label={t('wallboard.supervisor.queues')}>
        {metrics.queues.length === 0 && <div className="wb-empty">{t('wallboard.empty')}</div>}
        {tiles.items.map((queue) => (
          <QueueTile key={queue.queueId} queue={queue} thresholds={thresholds} now={now} />
        ))}
        {tiles.pages > 1 && (
          <span className="wb-page">{t('wallboard.page', { page: tiles.page + 1, pages: tiles.pages })}</span>
        )}
      </section>
      <section className="wb-lower">
        <div className="wb-panel">
          <div className="wb-panel-title">
            <span>{t('wallboard.agents.title')}</span>
            {agentStateOrder.map((state) => {
              const StateIcon = stateIcons[state];
              return (
                <span key={state} className="wb-state-count" data-testid={`count-${state}`}>
                  <StateIcon aria-hidden />
                  {t(`wallboard.state.${state}`)} <b>{counts[state]}</b>
                </span>
              );
            })}
            {agents.pages > 1 && (
              <span className="wb-state-count" style={{ marginInlineStart: 'auto' }}>
                {t('wallboard.page', { page: agents.page + 1, pages: agents.pages })}
              </span>
            )}
          </div>
          <div className="wb-agents">
            {agents.items.map((agent) => (
              <AgentCell key={agent.agentId} agent={agent} now={now} />
            ))}
          </div>
        </div>
        <div className="wb-panel wb-dimmable">
          <div className="wb-panel-title">
            <span className="wb-ellipsis">{t('wallboard.chart.title')}</span>
            <span className="wb-legend">
              <span className="wb-swatch" style={{ background: chartColours.volume }} />
              {t('wallboard.chart.volume')}
            </span>
            <span className="wb-legend">
              <span className="wb-swatch" style={{ background: chartColours.serviceLevel }} />
              {t('wallboard.chart.serviceLevel')}
            </span>
          </div>
          <IntradayChart intervals={metrics.intervals} timeZone={metrics.timeZone} dayStart={metrics.dayStart} />
        </div>
      </section>
      <Ticker snapshot={snapshot} />
    </div>
  );
}
