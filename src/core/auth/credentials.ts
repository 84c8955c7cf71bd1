import { inspect } from 'node:util';

/**
 * A username and password for digest authentication (`sipsimple.core.Credentials`,
 * middleware spec: `Account.credentials`), optionally bound to one realm.
 *
 * The password is kept in a private field: `toString()`, `toJSON()` and
 * `util.inspect()` never show it, so it cannot reach logs or traces by
 * accident (DESIGN.md, security defaults).
 */
export class Credentials {
  /** The user name sent in the `username` auth-param. */
  readonly username: string;
  /** The realm these credentials answer; `undefined` answers any realm. */
  readonly realm: string | undefined;
  readonly #password: string;

  constructor(username: string, password: string, realm?: string) {
    this.username = username;
    this.#password = password;
    this.realm = realm;
  }

  /** The password, for computing digests. Not enumerable and never printed. */
  get password(): string {
    return this.#password;
  }

  /** Whether these credentials may answer a challenge from `realm`. */
  matches(realm: string): boolean {
    return this.realm === undefined || this.realm === realm;
  }

  /** `<Credentials for 'alice'>`, as in the spec's example. */
  toString(): string {
    return `<Credentials for '${this.username}'${this.realm === undefined ? '' : ` realm '${this.realm}'`}>`;
  }

  /** The user name and realm only. */
  toJSON(): { username: string; realm?: string } {
    return this.realm === undefined ? { username: this.username } : { username: this.username, realm: this.realm };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
