/** SIP dialogs (RFC 3261 §12): state, route set, remote target, CSeq rules and in-dialog requests. */
import { randomInt } from 'node:crypto';
import { ParserError } from '../../errors.js';
import { SIPRequest, type HeaderValue, type NameAddress, type SIPMessage, type SIPResponse } from '../message/index.js';
import type { URI } from '../uri/index.js';
import { dialogKey, type DialogId } from './dialog-id.js';
import { DialogError } from './errors.js';
import { routeRequest } from './route-set.js';

/** Dialog states (§12): early (after a 1xx with To tag), confirmed (after a 2xx), terminated. */
export type DialogState = 'early' | 'confirmed' | 'terminated';

/**
 * Methods whose requests and 2xx responses replace the remote target with their Contact:
 * INVITE (RFC 3261 §12.2), UPDATE (RFC 3311), SUBSCRIBE and NOTIFY (RFC 6665 §4.1.2.1,
 * §4.2.1), REFER (RFC 3515).
 */
export const TARGET_REFRESH_METHODS: ReadonlySet<string> = new Set(['INVITE', 'UPDATE', 'SUBSCRIBE', 'NOTIFY', 'REFER']);

/** Options when creating a dialog. */
export interface DialogOptions {
  /** The Contact header value this UA puts in target refresh requests, e.g. `<sip:alice@192.0.2.1:5060>`. */
  localContact?: string;
  /** Whether the dialog is secure: the request was sent over TLS with a SIPS Request-URI (§12.1.1, §12.1.2). */
  secure?: boolean;
}

/** Options of {@link Dialog.createRequest} and {@link Dialog.createAck}. */
export interface DialogRequestOptions {
  /** Further header fields, added in order after the dialog's own. */
  headers?: Iterable<[string, HeaderValue]>;
  body?: Buffer | string;
  /** The Content-Type of `body`. */
  contentType?: string;
}

/** The verdict of {@link Dialog.receiveRequest}: accepted, or the response to reject the request with. */
export type DialogRequestCheck = { accepted: true } | { accepted: false; status: number; reason: string };

const ACCEPTED: DialogRequestCheck = Object.freeze({ accepted: true });

/** The remote target from the first Contact of `message`, or `undefined` when it has none usable. */
function contactTarget(message: SIPMessage): URI | undefined {
  const contact = message.contact[0];
  return contact === undefined || contact.isWildcard ? undefined : contact.uri;
}

/** An initial local CSeq number (§8.1.1.5: below 2^31), kept small so that it can grow. */
function initialSequence(): number {
  return randomInt(1, 0x10000);
}

/** One dialog, UAC or UAS side (RFC 3261 §12). */
export class Dialog {
  /** The dialog state. */
  state: DialogState;
  /** The remote target: where requests in the dialog go (§12.1, refreshed by target refresh requests). */
  remoteTarget: URI;
  /** The route set, in the order Route headers are sent (§12.1.1, §12.1.2). */
  routeSet: NameAddress[];
  /** The last CSeq number this UA sent; `undefined` until a UAS sends its first request (§12.1.1). */
  localSeq: number | undefined;
  /** The last CSeq number received from the peer; `undefined` until the first (§12.2.2). */
  remoteSeq: number | undefined;
  /** The Contact value for target refresh requests. */
  localContact: string | undefined;
  /** Whether the dialog is secure (§12.1.1). */
  readonly secure: boolean;

  private constructor(
    /** Whether this UA created the dialog as UAC. */
    readonly isUAC: boolean,
    readonly callId: string,
    /** Our address with our tag: the From of requests we send. */
    readonly local: NameAddress,
    /** The peer's address with its tag: the To of requests we send. */
    readonly remote: NameAddress,
    state: DialogState,
    remoteTarget: URI,
    routeSet: NameAddress[],
    localSeq: number | undefined,
    remoteSeq: number | undefined,
    /** The CSeq of the request that created the dialog. */
    private readonly initialCSeq: { seq: number; method: string },
    options: DialogOptions,
  ) {
    this.state = state;
    this.remoteTarget = remoteTarget;
    this.routeSet = routeSet;
    this.localSeq = localSeq;
    this.remoteSeq = remoteSeq;
    this.localContact = options.localContact;
    this.secure = options.secure ?? false;
  }

  /**
   * The UAC side of a dialog created by a response with a To tag to `request` (§12.1.2):
   * route set from Record-Route reversed, remote target from Contact, local CSeq from
   * the request, empty remote CSeq. A 1xx makes an early dialog, a 2xx a confirmed one.
   * Throws {@link DialogError} for a response that cannot create a dialog.
   */
  static createUAC(request: SIPRequest, response: SIPResponse, options: DialogOptions = {}): Dialog {
    const status = response.status;
    if (status <= 100 || status >= 300) throw new DialogError(`a ${status} response does not create a dialog`);
    const remote = response.to;
    if (remote.tag === undefined) throw new DialogError(`a ${status} response without To tag does not create a dialog`);
    const local = request.from;
    if (local.tag === undefined) throw new DialogError('a request without From tag cannot create a dialog');
    let target: URI | undefined;
    try {
      target = contactTarget(response);
    } catch (error) {
      throw new DialogError(`the Contact of the ${status} response is invalid`, { cause: error });
    }
    if (target === undefined) {
      if (status >= 200) throw new DialogError(`a ${status} response without Contact cannot establish a dialog (§12.1.2)`);
      target = request.uri;
    }
    return new Dialog(
      true,
      request.callId,
      local.clone(),
      remote.clone(),
      status < 200 ? 'early' : 'confirmed',
      target,
      [...response.recordRoute].reverse(),
      request.cseq.seq,
      undefined,
      request.cseq,
      options,
    );
  }

  /**
   * The UAS side of the dialog created by answering `request` with To tag `localTag`
   * (§12.1.1): route set from Record-Route in order, remote target from Contact, remote
   * CSeq from the request, empty local CSeq. Early until {@link confirm} (when the 2xx
   * is sent). Throws {@link DialogError} when the request has no usable Contact or From tag.
   */
  static createUAS(request: SIPRequest, localTag: string, options: DialogOptions = {}): Dialog {
    const remote = request.from;
    if (remote.tag === undefined) throw new DialogError('a request without From tag cannot create a dialog');
    let target: URI | undefined;
    try {
      target = contactTarget(request);
    } catch (error) {
      throw new DialogError(`the Contact of the ${request.method} request is invalid`, { cause: error });
    }
    if (target === undefined) throw new DialogError(`a ${request.method} without Contact cannot create a dialog (§12.1.1)`);
    const local = request.to.clone();
    local.tag = localTag;
    return new Dialog(
      false,
      request.callId,
      local,
      remote.clone(),
      'early',
      target,
      [...request.recordRoute],
      undefined,
      request.cseq.seq,
      request.cseq,
      options,
    );
  }

  /**
   * The subscriber's dialog created by a NOTIFY that arrives before (or instead of) the
   * 2xx to `subscribe` (RFC 6665 §4.1.2.4): the notifier's From tag is the remote tag,
   * the NOTIFY is handled as a request received by a UAS (§12.1.1: Record-Route in order,
   * Contact as remote target, remote CSeq from the NOTIFY), and the local CSeq continues
   * from the SUBSCRIBE. Throws {@link DialogError} when the NOTIFY cannot create a dialog.
   */
  static createFromNotify(subscribe: SIPRequest, notify: SIPRequest, options: DialogOptions = {}): Dialog {
    const remote = notify.from;
    if (remote.tag === undefined) throw new DialogError('a NOTIFY without From tag cannot create a dialog');
    const local = subscribe.from;
    if (local.tag === undefined || notify.to.tag !== local.tag) {
      throw new DialogError('the NOTIFY does not match the SUBSCRIBE (To tag differs from the From tag)');
    }
    let target: URI | undefined;
    try {
      target = contactTarget(notify);
    } catch (error) {
      throw new DialogError('the Contact of the NOTIFY is invalid', { cause: error });
    }
    if (target === undefined) throw new DialogError('a NOTIFY without Contact cannot create a dialog (RFC 6665 §4.1.2.4)');
    return new Dialog(
      true,
      subscribe.callId,
      local.clone(),
      remote.clone(),
      'confirmed',
      target,
      [...notify.recordRoute],
      subscribe.cseq.seq,
      notify.cseq.seq,
      subscribe.cseq,
      options,
    );
  }

  /** Our tag. */
  get localTag(): string {
    return this.local.tag!;
  }

  /** The peer's tag. */
  get remoteTag(): string {
    return this.remote.tag!;
  }

  /** The dialog id (§12). */
  get id(): DialogId {
    return { callId: this.callId, localTag: this.localTag, remoteTag: this.remoteTag };
  }

  /** The dialog id as one string (see {@link dialogKey}). */
  get key(): string {
    return dialogKey(this);
  }

  /** Early → confirmed: the UAS sent (or the UAC received) a 2xx. */
  confirm(): void {
    if (this.state === 'early') this.state = 'confirmed';
  }

  /** Ends the dialog; later requests cannot be created. */
  terminate(): void {
    this.state = 'terminated';
  }

  /**
   * Checks and applies an incoming request within the dialog (§12.2.2): a CSeq lower than
   * the remote sequence number is out of order (answer 500); the remote CSeq is updated;
   * target refresh requests with a Contact replace the remote target. ACK and CANCEL
   * carry the CSeq of their INVITE and are not checked.
   */
  receiveRequest(request: SIPRequest): DialogRequestCheck {
    if (this.state === 'terminated') return { accepted: false, status: 481, reason: 'Call/Transaction Does Not Exist' };
    const method = request.method;
    if (method === 'ACK' || method === 'CANCEL') return ACCEPTED;
    const seq = request.cseq.seq;
    if (this.remoteSeq !== undefined && seq < this.remoteSeq) {
      return { accepted: false, status: 500, reason: 'CSeq Out of Order' };
    }
    let target: URI | undefined;
    if (TARGET_REFRESH_METHODS.has(method)) {
      try {
        target = contactTarget(request);
      } catch (error) {
        if (!(error instanceof ParserError)) throw error;
        return { accepted: false, status: 400, reason: 'Invalid Contact' };
      }
    }
    this.remoteSeq = seq;
    if (target !== undefined) this.remoteTarget = target;
    return ACCEPTED;
  }

  /**
   * Applies a response to a request this UA sent in the dialog, or to the request that
   * created it (§12.2.1.2, §13.2.2.4): the first 2xx to the creating request confirms the
   * dialog and recomputes the route set from it; a 2xx (or, in an early dialog, a 1xx)
   * to a target refresh request with a Contact replaces the remote target; a final
   * non-2xx to the creating request ends an early dialog.
   */
  receiveResponse(response: SIPResponse): void {
    if (this.state === 'terminated') return;
    const status = response.status;
    const { seq, method } = response.cseq;
    // Only the UAC sent the creating request; a UAS's own requests use another CSeq space.
    const creating = this.isUAC && seq === this.initialCSeq.seq && method === this.initialCSeq.method;
    if (status >= 300) {
      if (creating && this.state === 'early') this.terminate();
      return;
    }
    if (status >= 200 && creating && this.state === 'early') {
      this.state = 'confirmed';
      if (this.isUAC) this.routeSet = [...response.recordRoute].reverse();
    }
    if (status === 100) return;
    if (status < 200 && this.state !== 'early') return;
    if (!TARGET_REFRESH_METHODS.has(method)) return;
    let target: URI | undefined;
    try {
      target = contactTarget(response);
    } catch (error) {
      if (error instanceof ParserError) return;
      throw error;
    }
    if (target !== undefined) this.remoteTarget = target;
  }

  /**
   * Builds a request within the dialog (§12.2.1.1): To, From and Call-ID of the dialog,
   * the next local CSeq, Request-URI and Route from the remote target and route set
   * (loose or strict routing), and Contact for target refresh requests. The Via is
   * added by the transaction layer. ACK and CANCEL are built by {@link createAck} and
   * `createCancel`.
   */
  createRequest(method: string, options: DialogRequestOptions = {}): SIPRequest {
    if (this.state === 'terminated') throw new DialogError(`cannot send ${method} in a terminated dialog`);
    if (method === 'ACK' || method === 'CANCEL') {
      throw new DialogError(`${method} is not built by createRequest(): use createAck() or createCancel()`);
    }
    const contact = TARGET_REFRESH_METHODS.has(method) ? this.localContact : undefined;
    if (TARGET_REFRESH_METHODS.has(method) && contact === undefined) {
      throw new DialogError(`${method} is a target refresh request and needs the dialog's localContact`);
    }
    this.localSeq = this.localSeq === undefined ? initialSequence() : this.localSeq + 1;
    return this.build(method, this.localSeq, contact, options);
  }

  /**
   * Builds the ACK for a 2xx to `invite` (§13.2.2.4): like any request in the dialog but
   * with the INVITE's CSeq number (method ACK) and the INVITE's credentials. The
   * transaction layer gives it a new branch when it is first sent.
   */
  createAck(invite: SIPRequest, options: DialogRequestOptions = {}): SIPRequest {
    if (this.state === 'terminated') throw new DialogError('cannot send ACK in a terminated dialog');
    const headers: Array<[string, HeaderValue]> = [];
    for (const value of invite.getHeaders('Authorization')) headers.push(['Authorization', value]);
    for (const value of invite.getHeaders('Proxy-Authorization')) headers.push(['Proxy-Authorization', value]);
    if (options.headers !== undefined) for (const header of options.headers) headers.push(header);
    return this.build('ACK', invite.cseq.seq, undefined, { ...options, headers });
  }

  private build(method: string, seq: number, contact: string | undefined, options: DialogRequestOptions): SIPRequest {
    const { uri, routes } = routeRequest(this.remoteTarget, this.routeSet);
    const headers: Array<[string, HeaderValue]> = [];
    for (const route of routes) headers.push(['Route', route]);
    headers.push(
      ['Max-Forwards', '70'],
      ['From', this.local.toString()],
      ['To', this.remote.toString()],
      ['Call-ID', this.callId],
      ['CSeq', `${seq} ${method}`],
    );
    if (contact !== undefined) headers.push(['Contact', contact]);
    if (options.headers !== undefined) for (const header of options.headers) headers.push(header);
    if (options.contentType !== undefined) headers.push(['Content-Type', options.contentType]);
    return new SIPRequest(method, uri, headers, options.body);
  }
}
