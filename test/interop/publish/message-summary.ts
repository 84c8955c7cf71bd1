/**
 * A message-summary (RFC 3842) PUBLISH to the lab for interop tests: the body with CRLF
 * line ends (Kamailio's presence_mwi rejects LF-only bodies), published with a
 * {@link Publication} under the user's own address of record.
 */
import { Credentials } from '../../../src/core/auth/index.js';
import type { Engine } from '../../../src/core/engine/index.js';
import { Publication } from '../../../src/core/primitives/publication.js';
import type { Route } from '../../../src/lookup/index.js';
import type { LabUser } from '../../lab/lab.js';

/** An RFC 3842 §5.2 body: `Messages-Waiting`, the account, and the voice-message counts, CRLF line ends. */
export function messageSummaryBody(user: LabUser, newMessages: number, oldMessages: number): string {
  return [
    `Messages-Waiting: ${newMessages > 0 ? 'yes' : 'no'}`,
    `Message-Account: ${user.aor}`,
    `Voice-Message: ${newMessages}/${oldMessages} (0/0)`,
    '',
  ].join('\r\n');
}

/** A Publication of `message-summary` state for `user` through `route`. */
export function messageSummaryPublication(engine: Engine, user: LabUser, route: Route, duration = 600): Publication {
  return new Publication(engine, {
    fromHeader: `<${user.aor}>`,
    event: 'message-summary',
    contentType: 'application/simple-message-summary',
    credentials: new Credentials(user.username, user.password),
    routes: [route],
    duration,
  });
}
