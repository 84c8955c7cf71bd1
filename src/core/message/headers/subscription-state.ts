/** The Subscription-State header field value (RFC 6665 §8.2.3). */
import { Params } from '../../uri/params.js';
import { numberParam, stringParam } from './param-values.js';
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
    return stringParam(this.params, 'reason')?.toLowerCase();
  }

  /** The `expires` parameter in seconds. */
  get expires(): number | undefined {
    return numberParam(this.params, 'expires');
  }

  /** The `retry-after` parameter in seconds. */
  get retryAfter(): number | undefined {
    return numberParam(this.params, 'retry-after');
  }

  toString(): string {
    return this.state + this.params.toString();
  }
}
