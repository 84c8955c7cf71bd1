/**
 * Plain data types of the transport layer: protocols, endpoints, flows,
 * destinations and listener configuration (RFC 3261 §18, RFC 5626 §3.1, RFC 7118).
 */

/** A SIP transport protocol: RFC 3261 §18 (UDP, TCP, TLS) and RFC 7118 (WS, WSS). */
export type TransportProtocol = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

/** Every transport protocol this layer implements, in a stable order. */
export const TRANSPORT_PROTOCOLS: readonly TransportProtocol[] = ['udp', 'tcp', 'tls', 'ws', 'wss'];

/** An IP address (or, for destinations, a host name) and a port. IPv6 hosts carry no brackets. */
export interface Endpoint {
  host: string;
  port: number;
}

/** What a TLS (or WSS) flow learned in its handshake (RFC 3261 §26.3.1, RFC 5922 §7). */
export interface TlsFlowInfo {
  /** Whether the peer's certificate was verified against the trusted CAs. */
  authorized: boolean;
  /** Why the peer's certificate was not verified, when it was not (an OpenSSL code). */
  authorizationError?: string;
  /** The server name: sent in SNI (outbound) or received in SNI (inbound). */
  servername?: string;
  /** The peer certificate's subject common name, when the peer sent a certificate. */
  peerCommonName?: string;
  /** The peer certificate's subjectAltName text (`DNS:a, URI:sip:b`), when present. */
  peerSubjectAltName?: string;
}

/**
 * One transport association (RFC 5626 §3.1 "flow"): a connection for TCP/TLS/WS/WSS,
 * or a local UDP socket plus a remote address. Responses and in-dialog requests
 * go back over the flow a request came in on (RFC 3261 §18.2.2).
 */
export interface Flow {
  /** Identifies the flow while it is open; stable for its lifetime. */
  id: string;
  protocol: TransportProtocol;
  local: Endpoint;
  remote: Endpoint;
  /** Present on TLS and WSS flows. */
  tls?: TlsFlowInfo;
}

/** Where `TransportManager.send()` sends: a protocol, an address and a port. */
export interface Destination {
  protocol: TransportProtocol;
  /** An IP address (no brackets for IPv6) or a host name resolved by the system. */
  host: string;
  port: number;
  /**
   * The name sent in TLS SNI and checked against the server certificate
   * (RFC 5922 §7.2). Defaults to `host` when that is a name; an IP address is never sent in SNI.
   */
  tlsServerName?: string;
  /** The HTTP path of a WS/WSS connection (RFC 7118 §4.1). Defaults to `/`. */
  path?: string;
}

/** Certificates of a TLS or WSS listener (PEM text or Buffers). */
export interface TlsListenerOptions {
  cert: string | Buffer;
  key: string | Buffer;
  /** CAs that client certificates are checked against. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Ask clients for a certificate (mutual TLS). */
  requestClientCertificate?: boolean;
  /** With `requestClientCertificate`: refuse clients without a valid certificate. Default true. */
  requireClientCertificate?: boolean;
}

/** One listening socket of `TransportManager.start()`. */
export interface ListenerConfig {
  protocol: TransportProtocol;
  /** The address to bind (`127.0.0.1`, `::1`, `0.0.0.0`, `::`). */
  host: string;
  /** The port to bind; 0 picks a free one (read it back with `localEndpoint()`). */
  port: number;
  /** Required for `tls` and `wss`. */
  tls?: TlsListenerOptions;
  /** The HTTP path that WS/WSS upgrades are accepted on. Default: any path. */
  path?: string;
  /**
   * UDP only: the socket's receive and send buffer size in bytes (SO_RCVBUF/SO_SNDBUF,
   * capped by the kernel's net.core.rmem_max/wmem_max). Under load a small receive
   * buffer drops datagrams; the system default when absent.
   */
  socketBufferSize?: number;
}

/** Certificate options for outbound TLS and WSS connections (RFC 3261 §26.2.1). */
export interface TlsClientOptions {
  /** Trusted CAs; without it the system store is used. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** A client certificate for servers that ask for one. */
  cert?: string | Buffer;
  /** The private key of `cert`. */
  key?: string | Buffer;
  /** Verify the server certificate and name. Default true; turn off only on the user's word. */
  rejectUnauthorized?: boolean;
}

/** Options of `TransportManager.send()`. */
export interface SendOptions {
  /** Send over this flow when it is still open (responses, in-dialog requests, RFC 5626). */
  flow?: Flow;
}
