/** SIP requests (RFC 3261 §7.1). */
import { parseURI, type URI } from '../uri/parse-uri.js';
import { SIPMessage, type HeaderValue } from './sip-message.js';

/** A request: method, Request-URI, header fields and body. */
export class SIPRequest extends SIPMessage {
  private _method: string;
  private _version = 'SIP/2.0';
  private _uri: URI | undefined;
  private _uriText: string | undefined;
  /** @internal The request line as received, for validation. */
  rawStartLine: string | undefined;

  /** `uri` may be text; it is then parsed on first access of {@link uri}. */
  constructor(method: string, uri: URI | string, headers?: Iterable<[string, HeaderValue]>, body?: Buffer | string) {
    super(headers, body);
    this._method = method;
    if (typeof uri === 'string') this._uriText = uri;
    else this._uri = uri;
  }

  /** The method, case-sensitive (RFC 3261 §7.1). */
  get method(): string {
    return this._method;
  }
  set method(value: string) {
    this._method = value;
    this.rawStartLine = undefined;
    this.touch();
  }

  /** The SIP-Version of the request line as received (`SIP/2.0` when built here). */
  get version(): string {
    return this._version;
  }
  set version(value: string) {
    this._version = value;
    this.rawStartLine = undefined;
    this.touch();
  }

  /** The Request-URI; throws {@link ParserError} if the received text is not a valid URI. */
  get uri(): URI {
    if (this._uri === undefined) this._uri = parseURI(this._uriText!);
    return this._uri;
  }
  set uri(value: URI) {
    this._uri = value;
    this._uriText = undefined;
    this.rawStartLine = undefined;
    this.touch();
  }

  /** The Request-URI text as received (or as serialized). */
  get uriText(): string {
    return this._uriText ?? this._uri!.toString();
  }

  get startLine(): string {
    return `${this.method} ${this.uriText} ${this.version}`;
  }
}
