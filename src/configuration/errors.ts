import { SIPSimpleError } from '../errors.js';

/**
 * A setting was given a value it does not accept, or the configuration was
 * used wrongly. For a bad value, `setting` is its dotted path (`sip.outboundProxy`)
 * and `value` the rejected value, and the message names both and says why.
 */
export class ConfigurationError extends SIPSimpleError {
  readonly setting: string | undefined;
  readonly value: unknown;

  constructor(message: string, details: { setting?: string; value?: unknown } = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.setting = details.setting;
    this.value = details.value;
  }
}

/** The configuration holds nothing at the key path asked for. */
export class ObjectNotFoundError extends ConfigurationError {
  constructor(readonly key: readonly string[]) {
    super(`no configuration object at ${JSON.stringify(key)}`);
  }
}

/**
 * What a datatype throws when it rejects a value: the reason only. Setting
 * assignment turns it into a {@link ConfigurationError} that also names the
 * setting and the value.
 */
export class InvalidValueError extends ConfigurationError {}
