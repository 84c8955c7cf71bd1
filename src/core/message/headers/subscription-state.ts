/** The Subscription-State header field value (RFC 6665 §8.2.3). */
import { Params } from '../../uri/params.js';
import { Scanner } from './scanner.js';
import { MAX_32 } from './scalars.js';

/** A Subscription-State value (RFC 6665 §8.2.3). */
export class SubscriptionState {
  /** `active`, `pending`, `terminated` or an extension, in lower case. */
  state: string;
  readonly params: Params;

  constructor(state: string, params: Params | Iterable<[string, string | null]> = []) {
    this.state = state.toLowerCase();
    this.params = params instanceof Params ? params : new Params(params);
  }

  /** Parses a Subscription-State value; throws {@link ParserError}. */
  static parse(text: string): SubscriptionState {
    const s = new Scanner(text, 'Subscription-State');
    s.skipWS();
    const state = s.token('substate-value');
    const params = s.params();
    s.end();
    for (const name of ['expires', 'retry-after']) {
      const v = params.get(name);
      if (v !== undefined && (v === null || !/^[0-9]+$/.test(v) || Number(v) > MAX_32)) {
        s.fail(`bad ${name} parameter "${v}"`, 0);
      }
    }
    return new SubscriptionState(state, params);
  }

  /** The `reason` parameter (e.g. `timeout`, `rejected`, `noresource`). */
  get reason(): string | undefined {
    const v = this.params.get('reason');
    return typeof v === 'string' ? v.toLowerCase() : undefined;
  }

  /** The `expires` parameter in seconds. */
  get expires(): number | undefined {
    const v = this.params.get('expires');
    return typeof v === 'string' ? Number(v) : undefined;
  }

  /** The `retry-after` parameter in seconds. */
  get retryAfter(): number | undefined {
    const v = this.params.get('retry-after');
    return typeof v === 'string' ? Number(v) : undefined;
  }

  toString(): string {
    return this.state + this.params.toString();
  }
}
