/** Request-URI and Route of requests sent within a dialog (RFC 3261 §12.2.1.1, strict and loose routing §16.12). */
import type { NameAddress } from '../message/index.js';
import type { URI } from '../uri/index.js';

/** The Request-URI and Route header values of a request sent within a dialog. */
export interface RoutedRequest {
  uri: URI;
  routes: string[];
}

/** Whether the route entry is a loose router (has the `lr` URI parameter, §19.1.1). */
export function isLooseRouter(route: NameAddress): boolean {
  const uri = route.uri;
  return uri.kind === 'sip' && uri.params.has('lr');
}

/**
 * Applies §12.2.1.1: with an empty route set the Request-URI is the remote target and
 * there is no Route; when the first route is a loose router (`lr`), the Request-URI is
 * the remote target and Route is the route set; otherwise (a strict router) the
 * Request-URI is the first route's URI without the parameters a Request-URI may not
 * carry, and Route is the rest of the route set followed by the remote target.
 */
export function routeRequest(remoteTarget: URI, routeSet: readonly NameAddress[]): RoutedRequest {
  const first = routeSet[0];
  if (first === undefined) return { uri: remoteTarget, routes: [] };
  if (isLooseRouter(first)) return { uri: remoteTarget, routes: routeSet.map((r) => r.toString()) };
  let uri = first.uri;
  if (uri.kind === 'sip') {
    uri = uri.clone();
    // §19.1.1 table: "method" and the headers component are not allowed in a Request-URI.
    uri.params.delete('method');
    for (const header of [...uri.headers]) uri.headers.delete(header.name);
  }
  const routes: string[] = [];
  for (let i = 1; i < routeSet.length; i++) routes.push(routeSet[i]!.toString());
  routes.push(`<${remoteTarget.toString()}>`);
  return { uri, routes };
}
