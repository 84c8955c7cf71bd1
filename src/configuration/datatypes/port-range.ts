import { invalid, textValueType, type Datatype } from '../datatype.js';
import { Port } from './scalars.js';

/**
 * A range of ports `start`-`end`, both included, 1-65535 (the RTP port
 * range). Text form `start-end`. Immutable.
 */
export class PortRange {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    Port.validate(start);
    Port.validate(end);
    if (start === 0) invalid('a port range cannot start at port 0');
    if (start > end) invalid(`the range starts (${start}) after it ends (${end})`);
    Object.freeze(this);
  }

  /** Parses `start-end`. */
  static parse(text: string): PortRange {
    const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
    if (!match) invalid(`${JSON.stringify(text)} is not of the form start-end`);
    return new PortRange(Number(match[1]), Number(match[2]));
  }

  /** How many ports the range holds. */
  get size(): number {
    return this.end - this.start + 1;
  }

  toString(): string {
    return `${this.start}-${this.end}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The datatype of {@link PortRange} settings. */
export const PortRangeType: Datatype<PortRange> = textValueType('PortRange', PortRange, (text) => PortRange.parse(text), 'start-end');
