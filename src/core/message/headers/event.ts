/** The Event header field value (RFC 6665 §8.2.1). */
import { Params } from '../../uri/params.js';
import { stringParam } from './param-values.js';
import { Scanner, unquote } from './scanner.js';

/** An Event value: the package (with template suffixes, e.g. `presence.winfo`) and params (`id`). */
export class EventHeader {
  event: string;
  readonly params: Params;

  constructor(event: string, params: Params | Iterable<[string, string | null]> = []) {
    this.event = event;
    this.params = params instanceof Params ? params : new Params(params);
  }

  /** Parses an Event value; throws {@link ParserError}. */
  static parse(text: string, element = 'Event'): EventHeader {
    const s = new Scanner(text, element);
    s.skipWS();
    const event = s.token('event type');
    const params = s.params();
    s.end();
    return new EventHeader(event, params);
  }

  /** The `id` parameter. */
  get id(): string | undefined {
    const v = stringParam(this.params, 'id');
    return v === undefined ? undefined : unquote(v);
  }

  toString(): string {
    return this.event + this.params.toString();
  }
}
