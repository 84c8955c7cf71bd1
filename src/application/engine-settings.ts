/**
 * The Engine settings of an application, from the global settings (`SIPSimpleSettings`):
 * user agent, transports and their ports, TLS files and verification, and the option
 * tags the account layer supports (`eventlist`, RFC 4662); and the same
 * without TLS, for when TLS cannot start (middleware spec §1 `SIPApplicationFailedToStartTLS`).
 */
import type { SIPSimpleSettings } from '../configuration/index.js';
import type { EngineSettings, TransportProtocol } from '../core/index.js';

/** The Engine settings that `settings` describe, with `overrides` applied last (e.g. a loopback address in tests). */
export function engineSettingsFrom(settings: SIPSimpleSettings, overrides: Partial<EngineSettings> = {}): EngineSettings {
  const sip = settings.sip;
  const certificate = settings.tls.certificate ?? undefined;
  return {
    transports: [...sip.transportList] as TransportProtocol[],
    ports: { udp: sip.udpPort, tcp: sip.tcpPort, tls: sip.tlsPort, ws: sip.wsPort, wss: sip.wssPort },
    userAgent: settings.userAgent,
    // Accounts subscribe to resource lists, whose NOTIFYs carry Require: eventlist (RFC 4662 §4.4).
    supported: ['eventlist'],
    tls: {
      verifyServer: settings.tls.verifyServer,
      ...(settings.tls.caList === null ? {} : { caFile: settings.tls.caList }),
      // The certificate setting names one PEM file holding the certificate and its key.
      ...(certificate === undefined ? {} : { certificateFile: certificate, privateKeyFile: certificate }),
    },
    ...overrides,
  };
}

/** Whether `settings` ask for TLS (a TLS or WSS transport, or TLS files). */
export function usesTLS(settings: EngineSettings): boolean {
  const transports = settings.transports ?? ['udp', 'tcp', 'tls'];
  return transports.includes('tls') || transports.includes('wss') || settings.tls?.caFile !== undefined || settings.tls?.certificateFile !== undefined;
}

/** `settings` without TLS: no TLS or WSS transport and no TLS files (verification kept). */
export function withoutTLS(settings: EngineSettings): EngineSettings {
  const transports = (settings.transports ?? ['udp', 'tcp', 'tls']).filter((transport) => transport !== 'tls' && transport !== 'wss');
  return { ...settings, transports, tls: { verifyServer: settings.tls?.verifyServer ?? true } };
}
