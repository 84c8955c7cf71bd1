/**
 * Incoming MESSAGE requests outside a dialog (RFC 3428 §7): the {@link MessageHandler}
 * claims them on the Engine, answers 415 Unsupported Media Type with an Accept header
 * for content types the application did not declare (RFC 3261 §21.4.13, RFC 3428 §7),
 * and otherwise 200 OK, posting `SIPEngineGotMessage` (sender: the Engine) with the
 * sender, content type and body. MESSAGE requests inside a dialog (with a To tag) are
 * left to the dialog's owner.
 */
import type { NotificationCenter } from '../../notification/index.js';
import type { RequestHandler, RequestHandlerOptions } from '../engine/index.js';
import { createResponse, generateTag, type SIPRequest, type SIPResponse } from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import './message-notifications.js';

/** The Engine as a message handler uses it. `Engine` fits. */
export interface MessageEngine {
  readonly notificationCenter: NotificationCenter;
  addRequestHandler(method: string, handler: RequestHandler, options?: RequestHandlerOptions): () => void;
  sendResponse(transaction: ServerTransaction, response: SIPResponse): void;
}

/** Whether `type/subtype` matches an accepted entry (`text/plain`, `text/*`, `*\/*`). */
export function acceptsMediaType(accepted: readonly string[], mediaType: string): boolean {
  const [type] = mediaType.split('/');
  return accepted.some((entry) => entry === '*/*' || entry === mediaType || entry === `${type}/*`);
}

/**
 * Answers an out-of-dialog MESSAGE (RFC 3428 §7): 415 Unsupported Media Type with an
 * Accept header (RFC 3261 §21.4.13) when its Content-Type is missing, malformed or not
 * in `accepted`, else 200 OK. Returns the Content-Type after a 200, `undefined` after a 415.
 */
export function answerMessage(
  engine: Pick<MessageEngine, 'sendResponse'>,
  request: SIPRequest,
  transaction: ServerTransaction,
  accepted: readonly string[],
): string | undefined {
  let mediaType: string | undefined;
  let contentType: string | undefined;
  try {
    const parsed = request.contentType;
    if (parsed !== undefined) {
      mediaType = `${parsed.type}/${parsed.subtype}`.toLowerCase();
      contentType = parsed.toString();
    }
  } catch {
    mediaType = undefined;
  }
  if (contentType === undefined || mediaType === undefined || !acceptsMediaType(accepted, mediaType)) {
    const response = createResponse(request, 415, undefined, { toTag: generateTag() });
    response.setHeader('Accept', accepted.join(', '));
    engine.sendResponse(transaction, response);
    return undefined;
  }
  engine.sendResponse(transaction, createResponse(request, 200, undefined, { toTag: generateTag() }));
  return contentType;
}

/** Receives MESSAGE requests for the application; see the module comment. */
export class MessageHandler {
  /** The accepted content types (`type/subtype`, lower-case; `text/*` and `*\/*` allowed). */
  readonly accept: readonly string[];
  private remove: (() => void) | undefined;

  /** @param accept the content types the application takes, e.g. `['text/plain', 'message/cpim']`. */
  constructor(
    private readonly engine: MessageEngine,
    accept: readonly string[],
  ) {
    this.accept = accept.map((entry) => entry.trim().toLowerCase());
  }

  /** Starts claiming MESSAGE requests. */
  start(): void {
    if (this.remove !== undefined) return;
    this.remove = this.engine.addRequestHandler('MESSAGE', (request, transaction) => this.receive(request, transaction), {
      accept: [...this.accept],
    });
  }

  /** Stops claiming them (the Engine then answers 405). */
  stop(): void {
    this.remove?.();
    this.remove = undefined;
  }

  private receive(request: SIPRequest, transaction: ServerTransaction): boolean {
    if (request.to.tag !== undefined) return false;
    const contentType = answerMessage(this.engine, request, transaction, this.accept);
    if (contentType === undefined) return true;
    this.engine.notificationCenter.postNotification('SIPEngineGotMessage', this.engine, {
      requestUri: request.uri,
      fromHeader: request.from,
      toHeader: request.to,
      contentType,
      body: request.body,
      request,
    });
    return true;
  }
}
