/**
 * XCAP node selectors (RFC 4825 §6.3): a path of element steps, optionally
 * ended by an attribute selector (`@name`) or the namespace selector
 * (`namespace::*`). Parsing and formatting work on the percent-decoded text;
 * {@link XCAPURI} does the percent-encoding.
 */
import { XCAPURIError } from '../errors.js';

/**
 * One element step (RFC 4825 §6.3 `step`): a QName or `*`, optionally with a
 * 1-based position (`by-pos`), an attribute test (`by-attr`), or both in
 * that order (`by-pos-attr`).
 */
export interface ElementStep {
  /** QName (`entry`, `rl:entry`) or `*`; unprefixed names are in the application usage's default namespace (§5.2). */
  readonly name: string;
  /** `[n]`: the n-th matching sibling, from 1. */
  readonly position?: number | undefined;
  /** `[@name="value"]`: the attribute test; `value` is the attribute's value after entity decoding. */
  readonly attribute?: { readonly name: string; readonly value: string } | undefined;
}

/** What a node selector ends with (RFC 4825 §6.3 `terminal-selector`). */
export type TerminalSelector =
  | { readonly kind: 'attribute'; readonly name: string }
  | { readonly kind: 'namespace' };

/** A parsed node selector: element steps and an optional terminal selector. */
export interface NodeSelector {
  readonly steps: readonly ElementStep[];
  readonly terminal?: TerminalSelector | undefined;
}

const NAME_START = /[A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR = /[-.0-9\u00B7\u0300-\u036F\u203F-\u2040]/;

/** Whether `text` is an XML NCName (Namespaces in XML §3). */
export function isNCName(text: string): boolean {
  if (text.length === 0 || !NAME_START.test(text[0]!)) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (!NAME_START.test(c) && !NAME_CHAR.test(c)) return false;
  }
  return true;
}

/** Whether `text` is a QName: `NCName` or `prefix:NCName`. */
export function isQName(text: string): boolean {
  const colon = text.indexOf(':');
  if (colon < 0) return isNCName(text);
  return isNCName(text.slice(0, colon)) && isNCName(text.slice(colon + 1));
}

/** The prefix of a QName, or `undefined` when it has none. */
export function qnamePrefix(qname: string): string | undefined {
  const colon = qname.indexOf(':');
  return colon < 0 ? undefined : qname.slice(0, colon);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Quotes an attribute value as an XML AttValue: `"` unless the value holds `"` but no `'`. */
export function quoteAttributeValue(value: string): string {
  const quote = value.includes('"') && !value.includes("'") ? "'" : '"';
  let out = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (quote === '"') out = out.replace(/"/g, '&quot;');
  return quote + out + quote;
}

function fail(message: string, text: string, offset: number): never {
  throw new XCAPURIError(`node selector: ${message}`, text, offset);
}

class SelectorScanner {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  expect(char: string): void {
    if (this.text[this.pos] !== char) fail(`expected "${char}"`, this.text, this.pos);
    this.pos++;
  }

  /** A QName (or `*` when allowed). */
  name(what: string, allowAny: boolean): string {
    const start = this.pos;
    if (allowAny && this.text[this.pos] === '*') {
      this.pos++;
      return '*';
    }
    while (this.pos < this.text.length && !'[]/=@"\''.includes(this.text[this.pos]!)) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (!isQName(name)) fail(`${name === '' ? 'missing' : `"${name}" is not a valid`} ${what}`, this.text, start);
    return name;
  }

  /** An XML AttValue in either quotes, with entity and character references decoded. */
  attValue(): string {
    const start = this.pos;
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value', this.text, start);
    const end = this.text.indexOf(quote, start + 1);
    if (end < 0) fail('unterminated attribute value', this.text, start);
    const raw = this.text.slice(start + 1, end);
    if (raw.includes('<')) fail('"<" in an attribute value', this.text, start + 1 + raw.indexOf('<'));
    this.pos = end + 1;
    return raw.replace(/&([^;]*);?/g, (match, ref: string, offset: number) => {
      if (!match.endsWith(';')) fail('"&" that starts no reference', this.text, start + 1 + offset);
      const decoded = decodeReference(ref);
      if (decoded === undefined) fail(`unknown reference &${ref};`, this.text, start + 1 + offset);
      return decoded;
    });
  }

  digits(): number {
    const start = this.pos;
    while (this.pos < this.text.length && this.text.charCodeAt(this.pos) >= 0x30 && this.text.charCodeAt(this.pos) <= 0x39) this.pos++;
    const value = Number(this.text.slice(start, this.pos));
    if (this.pos === start || !Number.isSafeInteger(value) || value < 1) fail('expected a position of 1 or more', this.text, start);
    return value;
  }
}

function decodeReference(ref: string): string | undefined {
  if (ref.startsWith('#')) {
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    const valid = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.test(ref) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : undefined;
  }
  return ENTITIES[ref];
}

function parseStep(s: SelectorScanner): ElementStep {
  const name = s.name('element name', true);
  let position: number | undefined;
  let attribute: { name: string; value: string } | undefined;
  if (s.peek() === '[' && s.text[s.pos + 1] !== '@') {
    s.expect('[');
    position = s.digits();
    s.expect(']');
  }
  if (s.peek() === '[') {
    s.expect('[');
    s.expect('@');
    const attName = s.name('attribute name', false);
    s.expect('=');
    const value = s.attValue();
    s.expect(']');
    attribute = { name: attName, value };
  }
  return { name, position, attribute };
}

/**
 * Parses a percent-decoded node selector (RFC 4825 §6.3), with or without a
 * leading "/". Throws {@link XCAPURIError} with the offset of the fault.
 */
export function parseNodeSelector(text: string): NodeSelector {
  const s = new SelectorScanner(text);
  if (s.peek() === '/') s.pos++;
  const steps: ElementStep[] = [];
  let terminal: TerminalSelector | undefined;
  for (;;) {
    if (s.done) fail(steps.length === 0 ? 'empty' : 'ends with "/"', text, s.pos);
    if (steps.length > 0 && s.peek() === '@') {
      s.pos++;
      terminal = { kind: 'attribute', name: s.name('attribute name', false) };
    } else if (steps.length > 0 && text.startsWith('namespace::*', s.pos)) {
      s.pos += 'namespace::*'.length;
      terminal = { kind: 'namespace' };
    } else {
      steps.push(parseStep(s));
    }
    if (s.done) break;
    if (terminal) fail('nothing may follow the terminal selector', text, s.pos);
    s.expect('/');
  }
  return { steps, terminal };
}

/** The text of one element step, e.g. `entry[2][@uri="sip:bob@example.com"]`. */
export function formatStep(step: ElementStep): string {
  let text = step.name;
  if (step.position !== undefined) text += `[${step.position}]`;
  if (step.attribute) text += `[@${step.attribute.name}=${quoteAttributeValue(step.attribute.value)}]`;
  return text;
}

/** The text of a terminal selector: `@name` or `namespace::*`. */
export function formatTerminal(terminal: TerminalSelector): string {
  return terminal.kind === 'attribute' ? `@${terminal.name}` : 'namespace::*';
}

/** The percent-decoded text of a node selector, with a leading "/", e.g. `/resource-lists/list[@name="friends"]`. */
export function formatNodeSelector(selector: NodeSelector): string {
  let text = '';
  for (const step of selector.steps) text += '/' + formatStep(step);
  if (selector.terminal) text += '/' + formatTerminal(selector.terminal);
  return text;
}

/** Checks a node selector built in code: names are QNames, positions are positive integers, steps exist. */
export function validateNodeSelector(selector: NodeSelector): NodeSelector {
  const text = formatNodeSelector(selector);
  if (selector.steps.length === 0) fail('has no element step', text, 0);
  for (const step of selector.steps) {
    if (step.name !== '*' && !isQName(step.name)) fail(`"${step.name}" is not a valid element name`, text, 0);
    if (step.position !== undefined && !(Number.isSafeInteger(step.position) && step.position >= 1)) {
      fail(`position ${step.position} is not an integer of 1 or more`, text, 0);
    }
    if (step.attribute && !isQName(step.attribute.name)) fail(`"${step.attribute.name}" is not a valid attribute name`, text, 0);
  }
  if (selector.terminal?.kind === 'attribute' && !isQName(selector.terminal.name)) {
    fail(`"${selector.terminal.name}" is not a valid attribute name`, text, 0);
  }
  return selector;
}

/** Every namespace prefix a node selector uses (element and attribute names). */
export function selectorPrefixes(selector: NodeSelector): Set<string> {
  const prefixes = new Set<string>();
  const add = (name: string): void => {
    const prefix = qnamePrefix(name);
    if (prefix !== undefined) prefixes.add(prefix);
  };
  for (const step of selector.steps) {
    add(step.name);
    if (step.attribute) add(step.attribute.name);
  }
  if (selector.terminal?.kind === 'attribute') add(selector.terminal.name);
  return prefixes;
}
