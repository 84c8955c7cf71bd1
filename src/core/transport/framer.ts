/**
 * Splits a byte stream (TCP, TLS) into SIP messages: RFC 3261 §18.3 (Content-Length
 * frames a message on a stream and is mandatory there) and RFC 5626 §3.5.1 (CRLF
 * keep-alive: a double CRLF is a ping, a single CRLF is a pong). Works on Buffers only.
 */
import { DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_HEADER_SIZE } from './limits.js';
import { FramingError } from './errors.js';
import { scanContentLength } from './content-length.js';

const CR = 0x0d;
const LF = 0x0a;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
/** Pending-buffer capacity kept between messages; larger buffers are released when empty. */
const RETAINED_BUFFER_SIZE = 64 * 1024;

/** One thing found in the stream. */
export type FrameEvent =
  /** One complete message: start line, headers, empty line and exactly Content-Length body bytes. */
  | { type: 'message'; data: Buffer }
  /** A double CRLF between messages: answer it with a single CRLF (RFC 5626 §4.4.1). */
  | { type: 'ping' }
  /** A single CRLF between messages (a pong, RFC 5626 §4.4.1). */
  | { type: 'pong' }
  /** The stream cannot be framed; nothing more is reported and the connection must close. */
  | { type: 'error'; error: FramingError };

/** Bounds of a {@link StreamFramer}. */
export interface FramerOptions {
  /** Largest start line plus headers plus the empty line, in bytes. Default 64 KiB. */
  maxHeaderSize?: number;
  /** Largest Content-Length accepted, in bytes. Default 1 MiB. */
  maxBodySize?: number;
}

const enum State {
  /** Between messages: CRLFs are keep-alives or ignored. */
  Idle,
  /** Looking for the empty line that ends the headers. */
  Head,
  /** Waiting for the body. */
  Body,
}

/**
 * An incremental framer: feed it the stream's chunks with {@link StreamFramer.push} and
 * it returns what each chunk completed. A message that arrives whole in one chunk is
 * returned as a view of that chunk; bytes that wait for more data are copied once into
 * a buffer that grows as needed. It never throws on input: malformed streams give an
 * `error` event, after which the framer is spent.
 */
export class StreamFramer {
  readonly maxHeaderSize: number;
  readonly maxBodySize: number;
  private state = State.Idle;
  /** Unconsumed bytes: `pending[0, pendingLength)` starts at the current message or keep-alive. */
  private pending: Buffer = Buffer.alloc(0);
  private pendingLength = 0;
  /** Stream offset of `pending[0]`, for error reports. */
  private streamOffset = 0;
  /** Bytes of the current head already searched for the empty line. */
  private headScanned = 0;
  /** Total size (head + body) of the current message once its head is complete. */
  private messageSize = 0;
  /** CRLFs seen in a row while idle; two make a ping. */
  private crlfCount = 0;
  /** Whether the lone CRLF now being counted was already reported as a pong. */
  private pongReported = false;
  private failed = false;

  constructor(options: FramerOptions = {}) {
    this.maxHeaderSize = options.maxHeaderSize ?? DEFAULT_MAX_HEADER_SIZE;
    this.maxBodySize = options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
  }

  /** Whether the framer hit a framing error and ignores further input. */
  get isFailed(): boolean {
    return this.failed;
  }

  /** Bytes held while waiting for the rest of a message. */
  get bufferedBytes(): number {
    return this.pendingLength;
  }

  /** Feeds one chunk of the stream; returns the messages and keep-alives it completed, in order. */
  push(chunk: Buffer): FrameEvent[] {
    const events: FrameEvent[] = [];
    if (this.failed || chunk.length === 0) return events;
    if (this.pendingLength === 0) {
      const consumed = this.process(chunk, chunk.length, false, events);
      if (!this.failed) this.keep(chunk, consumed, chunk.length);
    } else {
      this.append(chunk);
      const consumed = this.process(this.pending, this.pendingLength, true, events);
      if (!this.failed) this.compact(consumed);
    }
    return events;
  }

  /**
   * Frames `data[0, end)`, appending events; returns how many leading bytes are done with.
   * `copy` says whether messages must be copied out (true when `data` is the reused buffer).
   */
  private process(data: Buffer, end: number, copy: boolean, events: FrameEvent[]): number {
    let pos = 0;
    for (;;) {
      if (this.state === State.Idle) {
        while (pos < end && data[pos] === CR) {
          if (pos + 1 >= end) break; // a CR whose LF has not arrived yet
          if (data[pos + 1] !== LF) break;
          pos += 2;
          this.crlfCount++;
          if (this.crlfCount === 2) {
            events.push({ type: 'ping' });
            this.crlfCount = 0;
            this.pongReported = false;
          }
        }
        if (pos >= end || (data[pos] === CR && pos + 1 >= end)) {
          if (this.crlfCount === 1 && !this.pongReported) {
            events.push({ type: 'pong' });
            this.pongReported = true;
          }
          return pos;
        }
        // Leading CRLFs before a message are ignored (RFC 3261 §7.5).
        this.crlfCount = 0;
        this.pongReported = false;
        this.state = State.Head;
        this.headScanned = 0;
      }
      const start = pos;
      if (this.state === State.Head) {
        const from = start + Math.max(0, this.headScanned - 3);
        const found = data.subarray(0, end).indexOf(HEAD_END, from);
        if (found < 0) {
          this.headScanned = end - start;
          if (this.headScanned > this.maxHeaderSize) {
            return this.fail(events, 'headers-too-large', `message headers exceed ${this.maxHeaderSize} bytes`, start);
          }
          return start;
        }
        const headSize = found + 4 - start;
        if (headSize > this.maxHeaderSize) {
          return this.fail(events, 'headers-too-large', `message headers exceed ${this.maxHeaderSize} bytes`, start);
        }
        const scan = scanContentLength(data, start, found + 2, this.maxBodySize);
        if (scan.kind === 'missing') {
          return this.fail(events, 'missing-content-length', 'message on a stream transport has no Content-Length', start);
        }
        if (scan.kind === 'invalid') {
          return this.fail(events, 'invalid-content-length', 'malformed or conflicting Content-Length', scan.offset);
        }
        if (scan.kind === 'too-large') {
          return this.fail(events, 'body-too-large', `Content-Length exceeds ${this.maxBodySize} bytes`, scan.offset);
        }
        this.messageSize = headSize + scan.value;
        this.state = State.Body;
      }
      if (end - start < this.messageSize) return start;
      const message = data.subarray(start, start + this.messageSize);
      events.push({ type: 'message', data: copy ? Buffer.from(message) : message });
      pos = start + this.messageSize;
      this.state = State.Idle;
    }
  }

  private fail(events: FrameEvent[], reason: FramingError['reason'], message: string, offset: number): number {
    events.push({ type: 'error', error: new FramingError(reason, message, this.streamOffset + offset) });
    this.failed = true;
    this.pending = Buffer.alloc(0);
    this.pendingLength = 0;
    return 0;
  }

  /** Makes room for `extra` more pending bytes, doubling the buffer. */
  private reserve(extra: number): void {
    const needed = this.pendingLength + extra;
    if (needed <= this.pending.length) return;
    let size = Math.max(this.pending.length * 2, 4096);
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.pending.copy(grown, 0, 0, this.pendingLength);
    this.pending = grown;
  }

  private append(chunk: Buffer): void {
    this.reserve(chunk.length);
    chunk.copy(this.pending, this.pendingLength);
    this.pendingLength += chunk.length;
  }

  /** Keeps `chunk[from, to)` as the pending bytes (the pending buffer was empty). */
  private keep(chunk: Buffer, from: number, to: number): void {
    this.streamOffset += from;
    if (from === to) return;
    this.reserve(to - from);
    chunk.copy(this.pending, 0, from, to);
    this.pendingLength = to - from;
  }

  /** Drops the first `consumed` pending bytes. */
  private compact(consumed: number): void {
    this.streamOffset += consumed;
    if (consumed === 0) return;
    this.pending.copyWithin(0, consumed, this.pendingLength);
    this.pendingLength -= consumed;
    // Give back the room a large message needed once it is gone.
    if (this.pendingLength === 0 && this.pending.length > RETAINED_BUFFER_SIZE) this.pending = Buffer.alloc(0);
  }
}
