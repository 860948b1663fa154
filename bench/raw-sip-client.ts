import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { audioSdp } from '../electron/softphone/testing/signaling-media';

/**
 * The floor for sip.call_setup_ms: the least a SIP-over-WebSocket client
 * (RFC 7118) can do to set up a call. Hand-built messages on one `ws`
 * connection, digest auth (RFC 2617 / RFC 7616, qop=auth), a loose-routed
 * dialog (RFC 3261 §12) just long enough to ACK the 200 and BYE. No SIP stack,
 * no retransmission timers (the transport is reliable), no SDP negotiation
 * beyond a fixed offer. Not a phone: it never registers and answers nothing
 * but in-dialog BYE and OPTIONS.
 */

export interface RawSipOptions {
  /** ws://host:port of the proxy. */
  readonly wsUri: string;
  /** SIP domain: From and Request-URI host. */
  readonly domain: string;
  readonly user: string;
  readonly password: string;
  /** A transaction without a final response after this long fails the call. */
  readonly timeoutMs?: number;
}

interface SipMessage {
  /** Responses: the status code; requests: 0. */
  readonly status: number;
  /** Requests: the method; responses: ''. */
  readonly method: string;
  /** Lower-case full header names (compact forms expanded), in order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
  readonly raw: string;
  /** performance.now() when the WebSocket frame arrived. */
  readonly receivedAt: number;
}

const compactForms: Readonly<Record<string, string>> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
};

function parse(raw: string, receivedAt: number): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  // Header folding (a continuation line starts with whitespace) is still legal SIP.
  const [startLine = '', ...lines] = head.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.push([compactForms[name] ?? name, line.slice(colon + 1).trim()]);
  }
  const status = /^SIP\/2\.0 (\d{3})/.exec(startLine);
  return {
    status: status ? Number(status[1]) : 0,
    method: status ? '' : (startLine.split(' ')[0] ?? ''),
    headers,
    body,
    raw,
    receivedAt,
  };
}

function header(message: SipMessage, name: string): string | undefined {
  return message.headers.find(([n]) => n === name)?.[1];
}

/** Every value of a list header, across repeated headers and comma-separated values (commas in <…> or "…" excepted). */
function headerList(message: SipMessage, name: string): string[] {
  const values: string[] = [];
  for (const [n, value] of message.headers) {
    if (n !== name) continue;
    let depth = 0;
    let quoted = false;
    let start = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
      else if (!quoted && c === '<') depth++;
      else if (!quoted && c === '>') depth--;
      else if (!quoted && depth === 0 && c === ',') {
        values.push(value.slice(start, i).trim());
        start = i + 1;
      }
    }
    values.push(value.slice(start).trim());
  }
  return values.filter((v) => v !== '');
}

/** The URI of a name-addr (`"Name" <sip:…>;params`) or a bare addr-spec (`sip:…;params`). */
function uriOf(nameAddr: string): string {
  const angle = /<([^>]*)>/.exec(nameAddr);
  if (angle) return angle[1] ?? '';
  // Without angle brackets, parameters after ';' belong to the header, not the URI (RFC 3261 §20.10).
  return nameAddr.split(';')[0]?.trim() ?? '';
}

const token = (bytes = 8): string => crypto.randomBytes(bytes).toString('hex');

// ── digest ───────────────────────────────────────────────────────────────────

function authParams(challenge: string): Map<string, string> {
  const params = new Map<string, string>();
  const body = challenge.replace(/^\s*Digest\s+/i, '');
  for (const match of body.matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? '');
  }
  return params;
}

/**
 * The Authorization / Proxy-Authorization value answering a challenge:
 * RFC 2617 MD5 (and RFC 7616 SHA-256), qop=auth when offered, RFC 2069 otherwise.
 */
export function digestAuthorization(
  challenge: string,
  credentials: { readonly user: string; readonly password: string },
  method: string,
  uri: string,
  nc = 1,
): string {
  if (!/^\s*Digest\b/i.test(challenge)) throw new Error(`Not a Digest challenge: ${challenge}`);
  const params = authParams(challenge);
  const realm = params.get('realm') ?? '';
  const nonce = params.get('nonce') ?? '';
  const algorithm = params.get('algorithm') ?? 'MD5';
  const hashName = { md5: 'md5', 'sha-256': 'sha256' }[algorithm.toLowerCase()];
  if (hashName === undefined) throw new Error(`Unsupported digest algorithm ${algorithm}`);
  const h = (text: string): string => crypto.createHash(hashName).update(text).digest('hex');
  const qops = (params.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase());
  const ha1 = h(`${credentials.user}:${realm}:${credentials.password}`);
  const ha2 = h(`${method}:${uri}`);
  const fields = [
    `username="${credentials.user}"`,
    `realm="${realm}"`,
    `nonce="${nonce}"`,
    `uri="${uri}"`,
    `algorithm=${algorithm}`,
  ];
  if (qops.includes('auth')) {
    const cnonce = token();
    const count = nc.toString(16).padStart(8, '0');
    fields.push(`response="${h(`${ha1}:${nonce}:${count}:${cnonce}:auth:${ha2}`)}"`);
    fields.push(`cnonce="${cnonce}"`, 'qop=auth', `nc=${count}`);
  } else if (params.has('qop')) {
    throw new Error(`No supported qop in ${params.get('qop')}`);
  } else {
    fields.push(`response="${h(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  const opaque = params.get('opaque');
  if (opaque !== undefined) fields.push(`opaque="${opaque}"`);
  return `Digest ${fields.join(', ')}`;
}

// ── client ───────────────────────────────────────────────────────────────────

interface Pending {
  resolve(message: SipMessage): void;
  reject(error: Error): void;
  readonly timer: NodeJS.Timeout;
}

export class RawSipClient {
  readonly #options: RawSipOptions;
  readonly #socket: WebSocket;
  /** Client transactions waiting for a final response, by Via branch. */
  readonly #pending = new Map<string, Pending>();
  /** The ACK of each confirmed dialog, by Call-ID: a retransmitted 2xx gets it again (RFC 3261 §13.2.2.4). */
  readonly #acks = new Map<string, string>();
  /** Via sent-by: WebSocket clients have no reachable address (RFC 7118 §5.2). */
  readonly #viaHost = `${token(6)}.invalid`;
  readonly #contact: string;

  private constructor(options: RawSipOptions, socket: WebSocket) {
    this.#options = options;
    this.#socket = socket;
    this.#contact = `<sip:${token(4)}@${this.#viaHost};transport=ws>`;
    socket.on('message', (data, isBinary) => {
      const receivedAt = performance.now();
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString();
      this.#receive(parse(text, receivedAt));
    });
    socket.on('close', () => this.#failAll(new Error('WebSocket closed')));
  }

  static connect(options: RawSipOptions): Promise<RawSipClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(options.wsUri, 'sip', { handshakeTimeout: options.timeoutMs ?? 5000 });
      socket.once('open', () => {
        socket.off('error', reject);
        // Later errors close the socket, which fails whatever is pending.
        socket.on('error', () => undefined);
        resolve(new RawSipClient(options, socket));
      });
      socket.once('error', reject);
    });
  }

  async close(): Promise<void> {
    this.#failAll(new Error('client closed'));
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.close(1000);
      setTimeout(() => this.#socket.terminate(), 2000).unref();
    });
  }

  /**
   * Calls `target` (a user in the domain) and hangs up as soon as it answers.
   * Returns the setup time in ms: from building the first INVITE (the one the
   * proxy challenges) to the arrival of the 200 OK.
   */
  async call(target: string): Promise<number> {
    const { domain, user, password } = this.#options;
    const started = performance.now();
    const requestUri = `sip:${target}@${domain}`;
    const callId = token(12);
    const from = `<sip:${user}@${domain}>;tag=${token(6)}`;
    const to = `<${requestUri}>`;
    const sdp = offer();
    let cseq = 1;
    let authorization: readonly [string, string] | undefined;

    let response: SipMessage;
    for (;;) {
      const branch = `z9hG4bK${token(8)}`;
      const via = this.#via(branch);
      response = await this.#transaction(
        branch,
        message(
          `INVITE ${requestUri} SIP/2.0`,
          [
            ['Via', via],
            ['Max-Forwards', '70'],
            ['From', from],
            ['To', to],
            ['Call-ID', callId],
            ['CSeq', `${cseq} INVITE`],
            ['Contact', this.#contact],
            ...(authorization ? [authorization] : []),
            ['Content-Type', 'application/sdp'],
            ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS'],
          ],
          sdp,
        ),
      );
      if (response.status !== 401 && response.status !== 407) break;
      // ACK for a non-2xx final response: same branch, Request-URI and CSeq number, the response's To (RFC 3261 §17.1.1.3).
      this.#send(
        message(`ACK ${requestUri} SIP/2.0`, [
          ['Via', via],
          ['Max-Forwards', '70'],
          ['From', from],
          ['To', header(response, 'to') ?? to],
          ['Call-ID', callId],
          ['CSeq', `${cseq} ACK`],
        ]),
      );
      if (authorization !== undefined) throw new Error(`INVITE ${target}: credentials refused (${response.status})`);
      const proxy = response.status === 407;
      const challenge = header(response, proxy ? 'proxy-authenticate' : 'www-authenticate');
      if (challenge === undefined) throw new Error(`INVITE ${target}: ${response.status} without a challenge`);
      const value = digestAuthorization(challenge, { user, password }, 'INVITE', requestUri);
      authorization = [proxy ? 'Proxy-Authorization' : 'Authorization', value];
      cseq++;
    }
    const setupMs = response.receivedAt - started;
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`INVITE ${target}: ${response.raw.split('\r\n')[0] ?? response.status}`);
    }

    // The dialog (RFC 3261 §12.1.2): route set from Record-Route in reverse, remote target from Contact.
    const remoteTo = header(response, 'to') ?? to;
    const routes = headerList(response, 'record-route').reverse();
    const remoteContact = header(response, 'contact');
    if (remoteContact === undefined) throw new Error(`INVITE ${target}: 2xx without Contact`);
    const remoteTarget = uriOf(remoteContact);
    const inDialog = (method: string, number: number, branch: string): string =>
      message(`${method} ${remoteTarget} SIP/2.0`, [
        ['Via', this.#via(branch)],
        ['Max-Forwards', '70'],
        ...routes.map((route): [string, string] => ['Route', route]),
        ['From', from],
        ['To', remoteTo],
        ['Call-ID', callId],
        ['CSeq', `${number} ${method}`],
      ]);

    // ACK for the 2xx: its own transaction-less request, CSeq number of the INVITE.
    const ack = inDialog('ACK', cseq, `z9hG4bK${token(8)}`);
    this.#acks.set(callId, ack);
    this.#send(ack);

    const byeBranch = `z9hG4bK${token(8)}`;
    try {
      const byeResponse = await this.#transaction(byeBranch, inDialog('BYE', cseq + 1, byeBranch));
      if (byeResponse.status >= 300) throw new Error(`BYE ${target}: ${byeResponse.status}`);
    } finally {
      this.#acks.delete(callId);
    }
    return setupMs;
  }

  #via(branch: string): string {
    return `SIP/2.0/WS ${this.#viaHost};branch=${branch};rport`;
  }

  #send(text: string): void {
    this.#socket.send(text);
  }

  #transaction(branch: string, request: string): Promise<SipMessage> {
    const timeoutMs = this.#options.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(branch);
        reject(new Error(`no final response within ${timeoutMs} ms to ${request.split('\r\n')[0]}`));
      }, timeoutMs);
      this.#pending.set(branch, { resolve, reject, timer });
      this.#send(request);
    });
  }

  #receive(message: SipMessage): void {
    if (message.status === 0) {
      this.#answerRequest(message);
      return;
    }
    if (message.status < 200) return; // 100 Trying, 180 Ringing
    const branch = /;\s*branch=([^;,\s]+)/i.exec(header(message, 'via') ?? '')?.[1] ?? '';
    const pending = this.#pending.get(branch);
    if (pending) {
      this.#pending.delete(branch);
      clearTimeout(pending.timer);
      pending.resolve(message);
      return;
    }
    // A retransmitted 2xx to an INVITE: the ACK did not get there (or crossed it).
    const ack = this.#acks.get(header(message, 'call-id') ?? '');
    if (ack && message.status < 300 && /\bINVITE\s*$/i.test(header(message, 'cseq') ?? '')) this.#send(ack);
  }

  /** In-dialog BYE and OPTIONS get a 200; anything else a 501. ACKs get nothing. */
  #answerRequest(request: SipMessage): void {
    if (request.method === 'ACK') return;
    const status = request.method === 'BYE' || request.method === 'OPTIONS' ? '200 OK' : '501 Not Implemented';
    const copied = request.headers
      .filter(([name]) => ['via', 'from', 'to', 'call-id', 'cseq', 'record-route'].includes(name))
      .map(([name, value]): [string, string] => [name, value]);
    this.#send(message(`SIP/2.0 ${status}`, copied));
  }

  #failAll(error: Error): void {
    for (const [branch, pending] of this.#pending) {
      this.#pending.delete(branch);
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}

function message(startLine: string, headers: ReadonlyArray<readonly [string, string]>, body = ''): string {
  const lines = headers.map(([name, value]) => `${name}: ${value}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${startLine}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** The same signaling-only audio offer the softphone's test media makes. */
function offer(): string {
  return audioSdp(crypto.randomInt(1, 2 ** 31), 1, 'sendrecv');
}
