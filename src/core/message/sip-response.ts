/** SIP responses (RFC 3261 §7.2). */
import { SIPMessage, type HeaderValue } from './sip-message.js';
import { reasonPhrase } from './reason-phrases.js';

/** A response: status code, reason phrase, header fields and body. */
export class SIPResponse extends SIPMessage {
  private _status: number;
  private _reason: string;
  private _version = 'SIP/2.0';

  /** `reason` defaults to the RFC 3261 §21 phrase for the status. */
  constructor(status: number, reason?: string, headers?: Iterable<[string, HeaderValue]>, body?: Buffer | string) {
    super(headers, body);
    this._status = status;
    this._reason = reason ?? reasonPhrase(status);
  }

  /** Status code, 100 to 699. */
  get status(): number {
    return this._status;
  }
  set status(value: number) {
    this._status = value;
    this.touch();
  }

  /** Reason phrase (may be empty, RFC 4475 §3.1.1.13). */
  get reason(): string {
    return this._reason;
  }
  set reason(value: string) {
    this._reason = value;
    this.touch();
  }

  /** The SIP-Version of the status line. */
  get version(): string {
    return this._version;
  }
  set version(value: string) {
    this._version = value;
    this.touch();
  }

  get startLine(): string {
    return `${this.version} ${this.status} ${this.reason}`;
  }

  /** Whether this is a 1xx response. */
  get isProvisional(): boolean {
    return this.status < 200;
  }
}
