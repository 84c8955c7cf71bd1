/**
 * Message summary (RFC 3842): the `application/simple-message-summary` text
 * body of the `message-summary` event (message waiting indication). Not
 * XML: a status line, an optional account, one count line per message
 * context class, then optional groups of header fields describing messages.
 */
import { ParserError } from '../errors.js';
import { BuilderError } from '../xml/index.js';

/** Message counts of one context class (RFC 3842 section 5.2: `new/old (new-urgent/old-urgent)`). */
export interface MessageCount {
  newMessages: number;
  oldMessages: number;
  newUrgentMessages?: number;
  oldUrgentMessages?: number;
}

/** The message context classes of RFC 3458 section 3.3 as header names. */
export const MESSAGE_CONTEXT_CLASSES = ['voice-message', 'fax-message', 'pager-message', 'multimedia-message', 'text-message', 'none'] as const;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COUNT = /^([0-9]{1,9})\s*\/\s*([0-9]{1,9})(?:\s*\(\s*([0-9]{1,9})\s*\/\s*([0-9]{1,9})\s*\))?$/;

/** A message-summary body (RFC 3842 section 5.2). */
export class MessageSummary {
  /** MIME type of the body. */
  static readonly contentType = 'application/simple-message-summary';

  /** `Messages-Waiting: yes|no`. */
  messagesWaiting: boolean;
  /** `Message-Account`: the URI of the account the summary is for, kept as written. */
  messageAccount: string | undefined;
  /** Counts by lower-cased message context class (`voice-message`, ...), in the order written. */
  summaries: Map<string, MessageCount>;
  /** Groups of header fields (one group per message, each preceded by an empty line), names as written. */
  optionalHeaders: Array<Array<[string, string]>>;

  constructor(messagesWaiting: boolean, options: { messageAccount?: string; summaries?: Iterable<[string, MessageCount]>; optionalHeaders?: Array<Array<[string, string]>> } = {}) {
    this.messagesWaiting = messagesWaiting;
    this.messageAccount = options.messageAccount;
    this.summaries = new Map([...(options.summaries ?? [])].map(([name, count]) => [name.toLowerCase(), count]));
    this.optionalHeaders = options.optionalHeaders ?? [];
  }

  /** The MIME type of the body. */
  get contentType(): string {
    return MessageSummary.contentType;
  }

  /** Parses a body; throws {@link ParserError} with the line and field at fault. */
  static parse(data: string | Uint8Array, options: { maxSize?: number } = {}): MessageSummary {
    const maxSize = options.maxSize ?? 65_536;
    if (data.length > maxSize) throw new ParserError(`message-summary body larger than ${maxSize} bytes`, { offset: maxSize });
    const text = typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: false }).decode(data);
    const lines = text.split(/\r?\n/);
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const fail = (index: number, element: string, reason: string): never => {
      throw new ParserError(`message-summary line ${index + 1}: ${reason}`, { line: index + 1, element });
    };
    const field = (index: number): [string, string] => {
      const line = lines[index]!;
      const colon = line.indexOf(':');
      if (colon <= 0) fail(index, 'header', `'${line.slice(0, 60)}' is not a 'Name: value' field`);
      const name = line.slice(0, colon).trim();
      if (!TOKEN.test(name)) fail(index, name, `invalid field name '${name}'`);
      return [name, line.slice(colon + 1).trim()];
    };
    if (lines.length === 0) fail(0, 'Messages-Waiting', 'empty body; Messages-Waiting is required');
    const [statusName, status] = field(0);
    if (statusName.toLowerCase() !== 'messages-waiting') fail(0, statusName, 'the first line must be Messages-Waiting');
    const waiting = status.toLowerCase();
    if (waiting !== 'yes' && waiting !== 'no') fail(0, 'Messages-Waiting', `'${status}' is neither yes nor no`);
    const summary = new MessageSummary(waiting === 'yes');
    let index = 1;
    for (; index < lines.length && lines[index] !== ''; index++) {
      const [name, value] = field(index);
      const key = name.toLowerCase();
      if (key === 'message-account') {
        if (index !== 1) fail(index, name, 'Message-Account must follow Messages-Waiting');
        if (value === '' || /\s/.test(value)) fail(index, name, `'${value}' is not a URI`);
        summary.messageAccount = value;
        continue;
      }
      const match = COUNT.exec(value);
      if (match === null) fail(index, name, `'${value}' is not new/old or new/old (new-urgent/old-urgent)`);
      if (summary.summaries.has(key)) fail(index, name, 'appears twice');
      const [, fresh, old, freshUrgent, oldUrgent] = match!;
      const count: MessageCount = { newMessages: Number(fresh), oldMessages: Number(old) };
      if (freshUrgent !== undefined) (count.newUrgentMessages = Number(freshUrgent)), (count.oldUrgentMessages = Number(oldUrgent));
      summary.summaries.set(key, count);
    }
    while (index < lines.length) {
      index++; // the empty line before a group
      const group: Array<[string, string]> = [];
      for (; index < lines.length && lines[index] !== ''; index++) {
        const line = lines[index]!;
        if ((line.startsWith(' ') || line.startsWith('\t')) && group.length > 0) group[group.length - 1]![1] += ` ${line.trim()}`;
        else group.push(field(index));
      }
      if (group.length === 0) fail(index - 1, 'header', 'empty group of message header fields');
      summary.optionalHeaders.push(group);
    }
    return summary;
  }

  /** Writes the body with CRLF line ends; throws `BuilderError` naming the field that cannot be written. */
  encode(): string {
    let text = `Messages-Waiting: ${this.messagesWaiting ? 'yes' : 'no'}\r\n`;
    if (this.messageAccount !== undefined) {
      if (this.messageAccount === '' || /\s/.test(this.messageAccount)) throw new BuilderError(`Message-Account '${this.messageAccount}' is not a URI`);
      text += `Message-Account: ${this.messageAccount}\r\n`;
    }
    for (const [name, count] of this.summaries) {
      if (!TOKEN.test(name)) throw new BuilderError(`'${name}' is not a message context class name`);
      const values = [count.newMessages, count.oldMessages, count.newUrgentMessages, count.oldUrgentMessages];
      for (const value of values) if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 999_999_999)) throw new BuilderError(`${name}: ${String(value)} is not a message count`);
      if ((count.newUrgentMessages === undefined) !== (count.oldUrgentMessages === undefined)) throw new BuilderError(`${name}: give both urgent counts or neither`);
      const urgent = count.newUrgentMessages === undefined ? '' : ` (${count.newUrgentMessages}/${count.oldUrgentMessages})`;
      text += `${headerName(name)}: ${count.newMessages}/${count.oldMessages}${urgent}\r\n`;
    }
    for (const group of this.optionalHeaders) {
      text += '\r\n';
      for (const [name, value] of group) {
        if (!TOKEN.test(name) || /[\r\n]/.test(value)) throw new BuilderError(`header field '${name}' cannot be written`);
        text += `${name}: ${value}\r\n`;
      }
    }
    return text;
  }

  toString(): string {
    return this.encode();
  }
}

/** `voice-message` → `Voice-Message`. */
function headerName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
