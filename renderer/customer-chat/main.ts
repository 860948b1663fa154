import type { CustomerMessage, CustomerNotice, CustomerRequest } from '../../shared/center/customer-protocol';
import { chatLimits } from '../../shared/center/limits';
import { checkAttachment, formatSize, maxAttachmentMb } from './attachments';
import { ChatSocket, type SocketStatus } from './chat-socket';
import { h, replace, setText, show } from './dom';
import { linkify } from './linkify';
import { localeLabels, pageLocales, pickLocale, translator, type PageLocale, type StringKey } from './strings';

/**
 * The customer's side of a chat (/chat on the web host): pick a topic, say who you are, chat,
 * rate. No framework: the page is small, loads fast on a phone, and renders every message as
 * text. It talks only to /chat/ws and /chat/queues.json, never to the agent's API.
 */

type ChatState = 'waiting' | 'connected' | 'ended';
type Phase = 'loading' | 'form' | 'starting' | 'chat';

interface Upload {
  readonly file: File;
  readonly previewUrl: string | null;
}

interface Pending {
  readonly clientId: string;
  readonly text: string;
  readonly upload: Upload | null;
  status: 'sending' | 'failed';
  error: string | null;
  sentAt: number;
}

/** A request that the service answers: an error notice belongs to the oldest one still open. */
type Outstanding =
  | { readonly kind: 'send'; readonly clientId: string }
  | { readonly kind: 'start' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'rate' };

const tokenKey = 'seatdesk.chat.token';
const sendTimeoutMs = 20_000;
const typingIdleMs = 4000;
const typingRepeatMs = 3000;

const params = new URLSearchParams(location.search);
const presetQueue = params.get('queue');
/** Back after a reload: the page resumes instead of showing the form. */
let resuming = sessionStorage.getItem(tokenKey) !== null;

const state = {
  locale: pickLocale(params.get('lng'), navigator.languages) as PageLocale,
  phase: 'loading' as Phase,
  queues: null as ReadonlyArray<{ id: string; name: string }> | null,
  queuesFailed: false,
  queueName: '',
  chatState: null as ChatState | null,
  agentName: null as string | null,
  messages: new Map<string, CustomerMessage>(),
  /** The highest seq seen: after a resume, newer customer messages are ours that got through. */
  lastSeq: 0,
  pending: [] as Pending[],
  outstanding: [] as Outstanding[],
  agentTyping: false,
  rated: null as number | null,
  socket: { kind: 'connecting' } as SocketStatus,
  formError: null as string | null,
  notice: null as string | null,
  upload: null as Upload | null,
  composerError: null as string | null,
  confirmingEnd: false,
  /** Previews of our own images, kept from the pending message to the stored one. */
  previews: new Map<string, string>(),
};

let t = translator(state.locale);

// ── the page ───────────────────────────────────────────────────────────────

const languageSelect = h('select', { id: 'language', 'data-testid': 'language' });
for (const locale of pageLocales) languageSelect.append(h('option', { value: locale }, localeLabels[locale]));

const title = h('h1', { class: 'title' });
const status = h('p', { class: 'status', 'data-testid': 'chat-state', role: 'status' });
const endButton = h('button', { type: 'button', class: 'ghost', 'data-testid': 'end-chat' });
const languageLabel = h('label', { for: 'language', class: 'visually-hidden' });

const header = h(
  'header',
  { class: 'bar' },
  h('img', { class: 'logo', src: '/chat/icon.svg', alt: '', width: '32', height: '32' }),
  h('div', { class: 'bar-text' }, title, status),
  endButton,
  h('div', { class: 'language' }, languageLabel, languageSelect),
);

const bannerText = h('span', {});
const bannerRetry = h('button', { type: 'button', class: 'link', 'data-testid': 'connection-retry' });
const banner = h(
  'div',
  { class: 'banner', 'data-testid': 'connection-banner', role: 'status' },
  bannerText,
  bannerRetry,
);

// Start form
const formHeading = h('h2', {});
const formIntro = h('p', { class: 'muted' });
const queueSelect = h('select', { id: 'queue', name: 'queue', 'data-testid': 'start-queue' });
const queueLabel = h('label', { for: 'queue' });
const queueField = h('div', { class: 'field' }, queueLabel, queueSelect);
const nameInput = h('input', {
  id: 'name',
  name: 'name',
  autocomplete: 'name',
  maxlength: '100',
  required: true,
  'data-testid': 'start-name',
});
const nameLabel = h('label', { for: 'name' });
const identityInput = h('input', {
  id: 'identity',
  name: 'identity',
  autocomplete: 'email',
  maxlength: '200',
  'aria-describedby': 'identity-hint',
  'data-testid': 'start-identity',
});
const identityLabel = h('label', { for: 'identity' });
const identityHint = h('p', { id: 'identity-hint', class: 'hint' });
const formError = h('p', { class: 'error', role: 'alert', 'data-testid': 'start-error' });
const startButton = h('button', { type: 'submit', class: 'primary', 'data-testid': 'start-submit' });
const startForm = h(
  'form',
  { class: 'card start', 'data-testid': 'start-form', novalidate: true },
  formHeading,
  formIntro,
  queueField,
  h('div', { class: 'field' }, nameLabel, nameInput),
  h('div', { class: 'field' }, identityLabel, identityInput, identityHint),
  formError,
  startButton,
);

// Chat
const transcript = h('ol', { class: 'transcript', 'data-testid': 'transcript', role: 'log', 'aria-live': 'polite' });
const waitingHint = h('p', { class: 'waiting-hint', 'data-testid': 'waiting-hint' });
const typing = h('p', { class: 'typing', 'data-testid': 'agent-typing', 'aria-hidden': 'true' });
const noticeLine = h('p', { class: 'error notice', role: 'alert', 'data-testid': 'chat-error' });

const confirmText = h('span', {});
const confirmYes = h('button', { type: 'button', class: 'danger', 'data-testid': 'end-confirm' });
const confirmNo = h('button', { type: 'button', class: 'ghost', 'data-testid': 'end-cancel' });
const confirmBar = h('div', { class: 'confirm', role: 'group' }, confirmText, confirmYes, confirmNo);

const rateQuestion = h('legend', {});
const rateButtons = [1, 2, 3, 4, 5].map((score) =>
  h('button', { type: 'button', class: 'score', 'data-testid': `rate-${score}`, 'data-score': String(score) }),
);
const rateLow = h('span', {});
const rateHigh = h('span', {});
const rateCard = h(
  'fieldset',
  { class: 'card rate', 'data-testid': 'rating', tabindex: '-1' },
  rateQuestion,
  h('div', { class: 'scores' }, ...rateButtons),
  h('div', { class: 'scale', 'aria-hidden': 'true' }, rateLow, rateHigh),
);
const thanksTitle = h('p', { class: 'thanks-title' });
const thanksDetail = h('p', { class: 'muted' });
const newChatButton = h('button', { type: 'button', class: 'secondary', 'data-testid': 'new-chat' });
const thanksCard = h(
  'div',
  { class: 'card thanks', 'data-testid': 'rated', role: 'status' },
  thanksTitle,
  thanksDetail,
  newChatButton,
);

const composerInput = h('textarea', {
  id: 'message',
  rows: '1',
  'aria-describedby': 'composer-hint',
  'data-testid': 'composer-input',
});
const composerLabel = h('label', { for: 'message', class: 'visually-hidden' });
const fileInput = h('input', {
  type: 'file',
  id: 'file',
  class: 'visually-hidden',
  accept: chatLimits.attachmentTypes.join(','),
  'data-testid': 'composer-file',
});
const attachLabel = h('label', { for: 'file', class: 'icon-button', 'data-testid': 'composer-attach' });
const attachIcon = svgIcon(
  'M16.5 6.5 8.6 14.4a2 2 0 1 0 2.8 2.8l8.1-8.1a4 4 0 0 0-5.7-5.7L5.6 11.6a6 6 0 1 0 8.5 8.5L20 14',
);
attachLabel.append(attachIcon);
const sendButton = h('button', { type: 'submit', class: 'primary send', 'data-testid': 'composer-send' });
const chip = h('div', { class: 'chip', 'data-testid': 'attachment-chip' });
const composerHint = h('p', { id: 'composer-hint', class: 'hint' });
const composerError = h('p', { class: 'error', role: 'alert', 'data-testid': 'composer-error' });
const counter = h('span', { class: 'counter', 'aria-live': 'polite' });
const composer = h(
  'form',
  { class: 'composer', 'data-testid': 'composer', novalidate: true },
  composerError,
  chip,
  h('div', { class: 'composer-row' }, attachLabel, fileInput, composerLabel, composerInput, sendButton),
  h('div', { class: 'composer-foot' }, composerHint, counter),
);

const chatSection = h(
  'section',
  { class: 'chat', 'data-testid': 'chat' },
  h('div', { class: 'scroll' }, transcript, waitingHint, typing, rateCard, thanksCard),
  noticeLine,
  confirmBar,
  composer,
);

const main = h('main', { class: 'content' }, startForm, chatSection);
const root = h('div', { class: 'app', 'data-testid': 'customer-chat' }, header, banner, main);
document.body.replaceChildren(root);
const scroller = chatSection.querySelector<HTMLElement>('.scroll')!;

function svgIcon(path: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', path);
  svg.append(p);
  return svg;
}

// ── rendering ──────────────────────────────────────────────────────────────

function render(): void {
  const { phase, chatState } = state;
  root.dataset.phase = phase;
  root.dataset.state = chatState ?? '';
  root.dataset.connection = state.socket.kind;

  document.documentElement.lang = state.locale;
  document.title = state.queueName ? `${t('page.title')} · ${state.queueName}` : t('page.title');
  setText(title, phase === 'chat' && state.queueName ? state.queueName : t('page.title'));
  languageSelect.value = state.locale;
  setText(languageLabel, t('page.language'));

  // Header status
  status.dataset.state = phase === 'chat' ? (chatState ?? '') : '';
  setText(status, phase === 'chat' ? stateLine() : '');
  show(status, phase === 'chat');
  setText(endButton, t('end.button'));
  show(endButton, phase === 'chat' && chatState !== 'ended' && !state.confirmingEnd);

  renderBanner();

  // Form
  show(startForm, phase === 'form' || phase === 'starting' || (phase === 'loading' && !resuming));
  startForm.setAttribute('aria-busy', String(phase === 'loading' || phase === 'starting'));
  setText(formHeading, t('start.heading'));
  setText(formIntro, t('start.intro'));
  setText(queueLabel, t('start.queue'));
  setText(nameLabel, t('start.name'));
  setText(identityLabel, t('start.identity'));
  setText(identityHint, t('start.identityHint'));
  renderQueueOptions();
  const noQueues = state.queues !== null && state.queues.length === 0;
  const formMessage =
    state.formError ?? (state.queuesFailed ? t('start.queuesFailed') : noQueues ? t('start.noQueues') : null);
  setText(formError, formMessage ?? '');
  show(formError, formMessage !== null);
  setText(startButton, phase === 'starting' ? t('start.starting') : t('start.submit'));
  startButton.disabled = phase !== 'form' || noQueues;

  // Chat
  show(chatSection, phase === 'chat');
  renderTranscript();
  setText(waitingHint, t('state.waitingHint'));
  show(waitingHint, phase === 'chat' && chatState === 'waiting');
  setText(typing, state.agentName ? t('typing.agent', { agent: state.agentName }) : t('typing.agentNoName'));
  show(typing, phase === 'chat' && state.agentTyping && chatState === 'connected');

  setText(noticeLine, state.notice ?? '');
  show(noticeLine, state.notice !== null && phase === 'chat');

  setText(confirmText, t('end.confirm'));
  setText(confirmYes, t('end.yes'));
  setText(confirmNo, t('end.no'));
  show(confirmBar, phase === 'chat' && state.confirmingEnd && chatState !== 'ended');

  const ended = chatState === 'ended';
  show(composer, phase === 'chat' && !ended);
  composerInput.placeholder = t('composer.placeholder');
  setText(composerLabel, t('composer.label'));
  attachLabel.title = t('composer.attach');
  attachLabel.setAttribute('aria-label', t('composer.attach'));
  setText(sendButton, t('composer.send'));
  setText(composerHint, t('composer.hint'));
  renderComposer();

  setText(rateQuestion, t('rate.question'));
  setText(rateLow, t('rate.1'));
  setText(rateHigh, t('rate.5'));
  for (const button of rateButtons) {
    const score = Number(button.dataset.score);
    setText(button, String(score));
    button.setAttribute('aria-label', `${score} · ${t(`rate.${score}` as StringKey)}`);
    button.title = t(`rate.${score}` as StringKey);
  }
  show(rateCard, phase === 'chat' && ended && state.rated === null);
  const rating = state.outstanding.some((o) => o.kind === 'rate');
  for (const button of rateButtons) button.disabled = rating || !socket.open;
  setText(thanksTitle, t('rate.thanks'));
  setText(thanksDetail, state.rated !== null && state.rated > 0 ? t('rate.given', { score: state.rated }) : '');
  setText(newChatButton, t('rate.newChat'));
  show(thanksCard, phase === 'chat' && ended && state.rated !== null);
}

function stateLine(): string {
  switch (state.chatState) {
    case 'waiting':
      return t('state.waiting');
    case 'connected':
      return state.agentName ? t('state.connected', { agent: state.agentName }) : t('state.connectedNoName');
    case 'ended':
      return t('state.ended');
    case null:
      return '';
  }
}

let bannerTimer: ReturnType<typeof setInterval> | null = null;

function renderBanner(): void {
  const socket = state.socket;
  const lost = socket.kind === 'lost';
  // A first connect is quick; only a connection we had and lost is worth a banner.
  const reconnecting = socket.kind === 'connecting' && hadConnection;
  show(banner, lost || reconnecting);
  banner.dataset.kind = socket.kind;
  if (lost) {
    const seconds = Math.max(1, Math.ceil((socket.retryAt - Date.now()) / 1000));
    setText(bannerText, t('connection.lost', { seconds }));
    bannerTimer ??= setInterval(renderBanner, 500);
  } else {
    setText(bannerText, t('connection.reconnecting'));
    if (bannerTimer !== null) clearInterval(bannerTimer);
    bannerTimer = null;
  }
  setText(bannerRetry, t('connection.retry'));
  show(bannerRetry, lost);
}

function renderQueueOptions(): void {
  const queues = state.queues ?? [];
  const preset = presetQueue !== null && queues.some((q) => q.id === presetQueue) ? presetQueue : null;
  // A preset topic, or the only one there is, needs no picker.
  show(queueField, preset === null && queues.length > 1);
  const wanted = [{ id: '', name: t('start.queueChoose') }, ...queues];
  if (queueSelect.options.length !== wanted.length || queueSelect.dataset.locale !== state.locale) {
    const current = queueSelect.value;
    queueSelect.replaceChildren(...wanted.map((q) => h('option', { value: q.id, disabled: q.id === '' }, q.name)));
    queueSelect.dataset.locale = state.locale;
    queueSelect.value = preset ?? (queues.length === 1 ? queues[0]!.id : current);
  }
}

const messageElements = new Map<string, HTMLLIElement>();

function renderTranscript(): void {
  const wasAtBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  const ordered = [...state.messages.values()].sort((a, b) => a.seq - b.seq);
  const wanted: HTMLLIElement[] = [];
  for (const message of ordered) wanted.push(messageElement(`m:${message.id}`, message));
  for (const pending of state.pending) wanted.push(pendingElement(pending));
  const keep = new Set(wanted);
  for (const [key, element] of messageElements) {
    if (!keep.has(element)) {
      element.remove();
      messageElements.delete(key);
    }
  }
  wanted.forEach((element, index) => {
    if (transcript.children[index] !== element) transcript.insertBefore(element, transcript.children[index] ?? null);
  });
  if (wasAtBottom) scroller.scrollTop = scroller.scrollHeight;
}

function messageElement(key: string, message: CustomerMessage): HTMLLIElement {
  const signature = `${state.locale}|${message.text}|${message.authorName}|${message.attachment?.id ?? ''}`;
  const existing = messageElements.get(key);
  if (existing?.dataset.signature === signature) {
    // Delivered → read changes one word: the live region must not read the whole message again.
    if (existing.dataset.delivery !== message.delivery) {
      existing.dataset.delivery = message.delivery;
      const delivery = existing.querySelector('[data-testid="delivery"]');
      if (delivery) setText(delivery, deliveryText(message.delivery));
    }
    return existing;
  }
  const element = existing ?? h('li', { 'data-testid': 'message', 'data-id': message.id });
  element.dataset.signature = signature;
  element.dataset.from = message.from;
  element.dataset.delivery = message.delivery;
  element.className = `message from-${message.from}`;
  if (message.from === 'system') {
    element.replaceChildren(h('p', { class: 'system-text', 'data-testid': 'message-text' }, systemText(message.text)));
  } else {
    const author = message.from === 'customer' ? t('transcript.you') : message.authorName || t('transcript.agent');
    replace(
      element,
      h('span', { class: 'visually-hidden' }, `${author}: `),
      message.from === 'agent' && message.authorName ? h('span', { class: 'author' }, message.authorName) : null,
      h(
        'div',
        { class: 'bubble' },
        message.text ? messageText(message.text, message.from === 'agent') : null,
        message.attachment
          ? attachmentView(message.attachment.name, message.attachment.size, state.previews.get(message.id))
          : null,
      ),
      h(
        'p',
        { class: 'meta' },
        h('time', { datetime: new Date(message.at).toISOString() }, timeText(message.at)),
        message.from === 'customer'
          ? h('span', { class: 'delivery', 'data-testid': 'delivery' }, deliveryText(message.delivery))
          : null,
      ),
    );
  }
  messageElements.set(key, element);
  return element;
}

function pendingElement(pending: Pending): HTMLLIElement {
  const key = `p:${pending.clientId}`;
  const signature = `${state.locale}|${pending.status}|${pending.error ?? ''}`;
  const existing = messageElements.get(key);
  if (existing?.dataset.signature === signature) return existing;
  const element = existing ?? h('li', { 'data-testid': 'message', 'data-client-id': pending.clientId });
  element.dataset.signature = signature;
  element.dataset.from = 'customer';
  element.dataset.delivery = pending.status;
  element.className = `message from-customer pending ${pending.status}`;
  const retry = h('button', { type: 'button', class: 'link', 'data-testid': 'retry' }, t('delivery.retry'));
  retry.addEventListener('click', () => retrySend(pending.clientId));
  replace(
    element,
    h('span', { class: 'visually-hidden' }, `${t('transcript.you')}: `),
    h(
      'div',
      { class: 'bubble' },
      pending.text ? messageText(pending.text, false) : null,
      pending.upload
        ? attachmentView(pending.upload.file.name, pending.upload.file.size, pending.upload.previewUrl ?? undefined)
        : null,
    ),
    h(
      'p',
      { class: 'meta' },
      h(
        'span',
        { class: 'delivery', 'data-testid': 'delivery' },
        pending.status === 'sending' ? t('delivery.sending') : t('delivery.failed'),
      ),
      pending.status === 'failed' && pending.error ? h('span', { class: 'why' }, pending.error) : null,
      pending.status === 'failed' ? retry : null,
    ),
  );
  messageElements.set(key, element);
  return element;
}

/** Message text as text; in agent messages, http(s) links become anchors (text, never markup). */
function messageText(text: string, links: boolean): HTMLElement {
  const p = h('p', { class: 'text', 'data-testid': 'message-text' });
  if (!links) {
    p.textContent = text;
    return p;
  }
  for (const segment of linkify(text)) {
    if (segment.kind === 'text') p.append(document.createTextNode(segment.text));
    else {
      const a = h('a', { href: segment.href, target: '_blank', rel: 'noopener noreferrer' });
      a.textContent = segment.text;
      p.append(a);
    }
  }
  return p;
}

function attachmentView(name: string, size: number, preview: string | undefined): HTMLElement {
  const label = t('transcript.file', { name, size: formatSize(size, state.locale) });
  return h(
    'div',
    { class: 'file', 'data-testid': 'message-file' },
    preview ? h('img', { src: preview, alt: name, class: 'preview' }) : null,
    h('span', { class: 'file-name' }, label),
  );
}

/** The center stores system lines as keys ("joined:Li Na"); each side words them itself. */
function systemText(key: string): string {
  const [kind, ...rest] = key.split(':');
  const argument = rest.join(':');
  switch (kind) {
    case 'joined':
      return t('system.joined', { agent: argument });
    case 'ended':
      return t('system.ended');
    case 'customerLeft':
      return t('system.customerLeft');
    case 'transferring':
      return t('system.transferring');
    default:
      return key;
  }
}

function deliveryText(delivery: CustomerMessage['delivery']): string {
  switch (delivery) {
    case 'sent':
      return t('delivery.sent');
    case 'delivered':
      return t('delivery.delivered');
    case 'read':
      return t('delivery.read');
  }
}

function timeText(at: number): string {
  return new Intl.DateTimeFormat(state.locale, { hour: 'numeric', minute: '2-digit' }).format(at);
}

function renderComposer(): void {
  const length = composerInput.value.length;
  const tooLong = length > chatLimits.textChars;
  const error = tooLong ? t('composer.textTooLong', { max: chatLimits.textChars }) : state.composerError;
  setText(composerError, error ?? '');
  show(composerError, error !== null);
  setText(counter, length > chatLimits.textChars * 0.9 ? `${length} / ${chatLimits.textChars}` : '');
  counter.classList.toggle('over', tooLong);
  composerInput.setAttribute('aria-invalid', String(tooLong));
  sendButton.disabled = tooLong || (composerInput.value.trim() === '' && state.upload === null);

  const upload = state.upload;
  show(chip, upload !== null);
  if (upload !== null && chip.dataset.name !== upload.file.name + upload.file.size) {
    chip.dataset.name = upload.file.name + upload.file.size;
    const remove = h('button', { type: 'button', class: 'chip-remove', 'data-testid': 'attachment-remove' }, '×');
    remove.addEventListener('click', () => setUpload(null));
    replace(
      chip,
      upload.previewUrl ? h('img', { src: upload.previewUrl, alt: '', class: 'chip-preview' }) : null,
      h('span', { class: 'chip-name' }, upload.file.name),
      h('span', { class: 'chip-size' }, formatSize(upload.file.size, state.locale)),
      remove,
    );
  }
  const remove = chip.querySelector('.chip-remove');
  if (upload !== null && remove !== null)
    remove.setAttribute('aria-label', t('composer.remove', { name: upload.file.name }));
  if (upload === null) delete chip.dataset.name;
}

// ── talking to the service ─────────────────────────────────────────────────

let hadConnection = false;

const socket = new ChatSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/chat/ws`, {
  onStatus: (next) => {
    state.socket = next;
    if (next.kind === 'open') {
      hadConnection = true;
      state.outstanding = [];
      const token = sessionStorage.getItem(tokenKey);
      if (token !== null) request({ type: 'resume', token }, { kind: 'resume' });
      else if (state.phase === 'starting') state.phase = 'form';
    }
    if (next.kind === 'lost') {
      state.outstanding = [];
      state.agentTyping = false;
      typingSent = false;
    }
    render();
  },
  onNotice: (notice) => {
    const before = { phase: state.phase, chatState: state.chatState };
    onNotice(notice);
    render();
    // Focus follows the conversation: into the composer when it starts, to the rating when it ends.
    if (before.phase !== 'chat' && state.phase === 'chat' && state.chatState !== 'ended') composerInput.focus();
    if (before.chatState !== 'ended' && state.chatState === 'ended' && !rateCard.hidden) {
      // The question, not a score: focusing "5" would put an answer in the customer's mouth.
      rateCard.focus();
    }
  },
});

function request(req: CustomerRequest, expects?: Outstanding): boolean {
  const sent = socket.send(req);
  if (sent && expects) state.outstanding.push(expects);
  return sent;
}

function takeOutstanding(kind: Outstanding['kind']): Outstanding | undefined {
  const index = state.outstanding.findIndex((o) => o.kind === kind);
  return index === -1 ? undefined : state.outstanding.splice(index, 1)[0];
}

function onNotice(notice: CustomerNotice): void {
  switch (notice.type) {
    case 'started': {
      const resumed = takeOutstanding('resume') !== undefined;
      if (!resumed) takeOutstanding('start');
      sessionStorage.setItem(tokenKey, notice.token);
      resuming = false;
      state.phase = 'chat';
      state.formError = null;
      state.queueName = notice.queueName;
      state.chatState = notice.state;
      state.agentName = notice.agentName;
      state.rated = notice.rated;
      const seenBefore = state.lastSeq;
      state.messages = new Map(notice.messages.map((m) => [m.id, m]));
      // Our messages that reached the service while the connection was down are in the
      // transcript now; the rest are sent again (the same clientId, so never twice).
      const arrived = notice.messages.filter((m) => m.from === 'customer' && m.seq > seenBefore);
      for (const message of arrived) claimPending(message);
      state.lastSeq = Math.max(seenBefore, ...notice.messages.map((m) => m.seq));
      for (const pending of state.pending) if (pending.status === 'sending') transmit(pending);
      markRead();
      return;
    }
    case 'message': {
      const message = notice.message;
      const known = state.messages.has(message.id);
      if (!known && message.from === 'customer') {
        takeOutstanding('send');
        claimPending(message);
      }
      state.messages.set(message.id, message);
      state.lastSeq = Math.max(state.lastSeq, message.seq);
      if (message.from === 'agent') {
        state.agentTyping = false;
        if (!known) markRead();
      }
      return;
    }
    case 'agentTyping':
      state.agentTyping = notice.typing;
      return;
    case 'state':
      state.chatState = notice.state;
      if (notice.agentName !== null || notice.state !== 'connected')
        state.agentName = notice.agentName ?? state.agentName;
      if (notice.state === 'ended') {
        state.agentTyping = false;
        state.confirmingEnd = false;
      }
      return;
    case 'rateRequest':
      state.chatState = 'ended';
      return;
    case 'rated':
      takeOutstanding('rate');
      state.rated = notice.score;
      return;
    case 'error':
      onError(notice.code, notice.message);
      return;
  }
}

/** Our own message came back stored: the pending copy gives way to it. */
function claimPending(message: CustomerMessage): void {
  const index = Math.max(
    0,
    state.pending.findIndex((p) => p.text === message.text),
  );
  const pending = state.pending[index];
  if (pending === undefined) return;
  state.pending.splice(index, 1);
  if (pending.upload?.previewUrl) state.previews.set(message.id, pending.upload.previewUrl);
}

function onError(code: string, message: string): void {
  const head = state.outstanding.shift();
  const text = errorText(code, message);
  switch (head?.kind) {
    case 'send': {
      const pending = state.pending.find((p) => p.clientId === head.clientId);
      if (pending) {
        pending.status = 'failed';
        pending.error = text;
      } else state.notice = text;
      return;
    }
    case 'start':
      state.phase = 'form';
      state.formError = text;
      return;
    case 'resume':
      if (code === 'unavailable' || code === 'internal') {
        // The service is starting or in trouble: keep the chat and say so.
        state.notice = text;
        if (state.phase !== 'chat') {
          resuming = false;
          state.phase = 'form';
          state.formError = text;
        }
        return;
      }
      sessionStorage.removeItem(tokenKey);
      resuming = false;
      resetChat();
      state.phase = 'form';
      state.formError = t('start.expired');
      return;
    case 'rate':
      // Already rated (another tab, a retry): the thanks are due either way.
      // (0: rated, score unknown.)
      if (code === 'conflict' && /rated/i.test(message)) state.rated ??= 0;
      else state.notice = text;
      return;
    case undefined:
      if (state.phase === 'starting') {
        state.phase = 'form';
        state.formError = text;
      } else state.notice = text;
      return;
  }
}

/** The service's refusals are English; known codes get the page's words instead. */
function errorText(code: string, message: string): string {
  switch (code) {
    case 'rate_limited':
      return t('error.rateLimited');
    case 'too_large':
      return state.locale === 'en' ? message : t('error.tooLarge');
    case 'unavailable':
      // In English the service's own words say more (e.g. closed until opening hours).
      return state.locale === 'en' && message ? message : t('error.unavailable');
    case 'conflict':
      if (/ended/i.test(message)) return t('error.ended');
      return state.locale === 'en' ? message : t('error.generic');
    default:
      return state.locale === 'en' && message ? message : t('error.generic');
  }
}

function resetChat(): void {
  state.chatState = null;
  state.agentName = null;
  state.messages = new Map();
  state.lastSeq = 0;
  state.pending = [];
  state.agentTyping = false;
  state.rated = null;
  state.queueName = '';
  state.notice = null;
  state.confirmingEnd = false;
  for (const url of state.previews.values()) URL.revokeObjectURL(url);
  state.previews.clear();
}

let readTimer: ReturnType<typeof setTimeout> | null = null;

/** Tells the agent we have seen their messages, while the page is in view. */
function markRead(): void {
  if (document.visibilityState !== 'visible') return;
  const unread = [...state.messages.values()].some((m) => m.from === 'agent' && m.delivery !== 'read');
  if (!unread || readTimer !== null) return;
  readTimer = setTimeout(() => {
    readTimer = null;
    if (state.phase === 'chat') request({ type: 'read' });
  }, 300);
}

// Typing notices: one "typing" every few seconds while keys are pressed, "stopped" when idle.
let typingSent = false;
let typingSentAt = 0;
let typingIdle: ReturnType<typeof setTimeout> | null = null;

function noteTyping(): void {
  if (state.phase !== 'chat' || state.chatState === 'ended') return;
  const now = Date.now();
  if (!typingSent || now - typingSentAt > typingRepeatMs) {
    if (request({ type: 'typing', typing: true })) {
      typingSent = true;
      typingSentAt = now;
    }
  }
  if (typingIdle !== null) clearTimeout(typingIdle);
  typingIdle = setTimeout(stopTyping, typingIdleMs);
}

function stopTyping(): void {
  if (typingIdle !== null) clearTimeout(typingIdle);
  typingIdle = null;
  if (typingSent) request({ type: 'typing', typing: false });
  typingSent = false;
}

let clientCounter = 0;

function newClientId(): string {
  clientCounter += 1;
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `c${Date.now().toString(36)}-${random[0]!.toString(36)}${random[1]!.toString(36)}-${clientCounter}`;
}

function sendMessage(): void {
  const text = composerInput.value;
  if (text.length > chatLimits.textChars) return;
  if (text.trim() === '' && state.upload === null) return;
  const pending: Pending = {
    clientId: newClientId(),
    text,
    upload: state.upload,
    status: 'sending',
    error: null,
    sentAt: Date.now(),
  };
  state.pending.push(pending);
  composerInput.value = '';
  state.upload = null;
  fileInput.value = '';
  state.composerError = null;
  state.notice = null;
  // Sending ends "typing" on the service's side by itself.
  if (typingIdle !== null) clearTimeout(typingIdle);
  typingIdle = null;
  typingSent = false;
  transmit(pending);
  autoGrow();
  render();
  scroller.scrollTop = scroller.scrollHeight;
}

/** Sends (or sends again) a pending message; without a connection it waits for the resume. */
function transmit(pending: Pending): void {
  pending.status = 'sending';
  pending.error = null;
  pending.sentAt = Date.now();
  void (async () => {
    const attachment = pending.upload ? await readAttachment(pending.upload.file) : undefined;
    if (!state.pending.includes(pending) || pending.status !== 'sending') return;
    request(
      { type: 'send', text: pending.text, clientId: pending.clientId, ...(attachment ? { attachment } : {}) },
      { kind: 'send', clientId: pending.clientId },
    );
  })();
}

function retrySend(clientId: string): void {
  const pending = state.pending.find((p) => p.clientId === clientId);
  if (!pending) return;
  transmit(pending);
  render();
}

async function readAttachment(file: File): Promise<{ name: string; mime: string; dataBase64: string }> {
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
  return {
    name: file.name.slice(0, 200) || 'file',
    mime: file.type,
    dataBase64: dataUrl.slice(dataUrl.indexOf(',') + 1),
  };
}

function setUpload(upload: Upload | null): void {
  if (state.upload?.previewUrl && !state.pending.some((p) => p.upload === state.upload)) {
    URL.revokeObjectURL(state.upload.previewUrl);
  }
  state.upload = upload;
  if (upload === null) fileInput.value = '';
  render();
}

// Pending messages that got no answer on an open connection are shown as not sent.
setInterval(() => {
  if (!socket.open) return;
  let changed = false;
  for (const pending of state.pending) {
    if (pending.status === 'sending' && Date.now() - pending.sentAt > sendTimeoutMs) {
      pending.status = 'failed';
      changed = true;
    }
  }
  if (changed) render();
}, 2000);

function autoGrow(): void {
  composerInput.style.height = 'auto';
  composerInput.style.height = `${Math.min(composerInput.scrollHeight, 160)}px`;
}

// ── events ─────────────────────────────────────────────────────────────────

startForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (state.phase !== 'form') return;
  const queues = state.queues ?? [];
  const preset = presetQueue !== null && queues.some((q) => q.id === presetQueue) ? presetQueue : null;
  const queueId = preset ?? (queueSelect.value || (presetQueue ?? ''));
  const name = nameInput.value.trim();
  if (queueId === '') {
    state.formError = t('start.queueRequired');
    render();
    queueSelect.focus();
    return;
  }
  if (name === '') {
    state.formError = t('start.nameRequired');
    render();
    nameInput.focus();
    return;
  }
  state.formError = null;
  state.phase = 'starting';
  const sent = request(
    { type: 'start', queueId, name, identity: identityInput.value.trim(), locale: state.locale },
    { kind: 'start' },
  );
  if (!sent) {
    state.phase = 'form';
    state.formError = t('connection.reconnecting');
  }
  render();
});

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  sendMessage();
  composerInput.focus();
});

composerInput.addEventListener('keydown', (event) => {
  // Enter confirms a Chinese input method's candidate; only a plain Enter outside one sends.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    sendMessage();
  }
});

composerInput.addEventListener('input', () => {
  autoGrow();
  if (composerInput.value === '') stopTyping();
  else noteTyping();
  renderComposer();
});

fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (!file) return;
  const check = checkAttachment(file);
  if (!check.ok) {
    state.composerError =
      check.reason === 'type'
        ? t('composer.typeRefused')
        : check.reason === 'size'
          ? t('composer.tooLarge', { max: maxAttachmentMb })
          : t('composer.empty');
    fileInput.value = '';
    render();
    return;
  }
  state.composerError = null;
  setUpload({ file, previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : null });
  composerInput.focus();
});

endButton.addEventListener('click', () => {
  state.confirmingEnd = true;
  render();
  confirmNo.focus();
});
confirmNo.addEventListener('click', () => {
  state.confirmingEnd = false;
  render();
  composerInput.focus();
});
confirmYes.addEventListener('click', () => {
  state.confirmingEnd = false;
  stopTyping();
  request({ type: 'leave' });
  render();
});

for (const button of rateButtons) {
  button.addEventListener('click', () => {
    const score = Number(button.dataset.score);
    request({ type: 'rate', score }, { kind: 'rate' });
    render();
  });
}

newChatButton.addEventListener('click', () => {
  sessionStorage.removeItem(tokenKey);
  // One chat per connection on the service's side: the new chat gets a new one.
  socket.restart();
  resetChat();
  state.phase = 'form';
  state.formError = null;
  render();
  nameInput.focus();
});

bannerRetry.addEventListener('click', () => socket.retryNow());
window.addEventListener('online', () => socket.retryNow());
noticeLine.addEventListener('click', () => {
  state.notice = null;
  render();
});

languageSelect.addEventListener('change', () => {
  state.locale = pickLocale(languageSelect.value, []);
  t = translator(state.locale);
  const url = new URL(location.href);
  url.searchParams.set('lng', state.locale);
  history.replaceState(null, '', url);
  render();
});

document.addEventListener('visibilitychange', markRead);

// ── start ──────────────────────────────────────────────────────────────────

async function loadQueues(): Promise<void> {
  try {
    const response = await fetch('/chat/queues.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    const body = (await response.json()) as { queues?: Array<{ id: string; name: string }> };
    state.queues = Array.isArray(body.queues) ? body.queues : [];
    state.queuesFailed = false;
  } catch {
    state.queues = [];
    state.queuesFailed = true;
  }
}

render();
socket.connect();
void loadQueues().then(() => {
  if (state.phase === 'loading' && !resuming) {
    state.phase = 'form';
    render();
    nameInput.focus();
  } else render();
});
