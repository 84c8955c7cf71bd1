/**
 * Instant Message Disposition Notification (RFC 5438): the
 * `message/imdn+xml` documents that report a message as delivered,
 * displayed or processed (or failed, forbidden, in error).
 */
import {
  BuilderError, ValidationError, XMLDateTime, XMLElement, XMLRootElement, XMLString, XMLURI,
  defineSchema, localizedTextElement, parseDocument, registerDocument, registerNamespace, serializeDocument,
  type ElementClass, type ElementSchema, type XMLParseOptions, type XMLWriteOptions,
} from '../xml/index.js';

/** Namespace of IMDN (RFC 5438 section 8.1). */
export const IMDN_NAMESPACE = 'urn:ietf:params:xml:ns:imdn';
const NS = IMDN_NAMESPACE;

/** Delivery statuses (RFC 5438 section 7.2.1.1). */
export const DELIVERY_STATUSES = ['delivered', 'failed', 'forbidden', 'error'] as const;
/** Display statuses (RFC 5438 section 7.2.1.2). */
export const DISPLAY_STATUSES = ['displayed', 'forbidden', 'error'] as const;
/** Processing statuses (RFC 5438 section 7.2.1.3). */
export const PROCESSING_STATUSES = ['processed', 'stored', 'forbidden', 'error'] as const;

/** `<status>` holding exactly one empty status element (`<delivered/>`, ...). */
abstract class Status<T extends string> extends XMLElement {
  /** The status element names as read (exactly one in a valid document). */
  declare values: string[];
  declare extensions: object[];

  constructor(value: T) {
    super();
    this.values = [value];
    this.extensions = [];
  }

  /** The status. */
  get value(): T {
    return this.values[0] as T;
  }

  set value(value: T) {
    this.values = [value];
  }
}

function statusSchema(names: readonly string[]): ElementSchema {
  return {
    namespace: NS, name: 'status',
    children: [{ kind: 'tokens', property: 'values', namespace: NS, names }, { kind: 'extensions', property: 'extensions' }],
  };
}

/** `<status>` of a delivery notification. */
export class DeliveryStatus extends Status<(typeof DELIVERY_STATUSES)[number]> {
  static readonly schema = statusSchema(DELIVERY_STATUSES);
}
/** `<status>` of a display notification. */
export class DisplayStatus extends Status<(typeof DISPLAY_STATUSES)[number]> {
  static readonly schema = statusSchema(DISPLAY_STATUSES);
}
/** `<status>` of a processing notification. */
export class ProcessingStatus extends Status<(typeof PROCESSING_STATUSES)[number]> {
  static readonly schema = statusSchema(PROCESSING_STATUSES);
}

/** `<delivery-notification>` (RFC 5438 section 7.2.1.1). */
export class DeliveryNotification extends XMLElement {
  static readonly schema = defineSchema<DeliveryNotification>({
    namespace: NS, name: 'delivery-notification', children: [{ kind: 'child', property: 'status', element: DeliveryStatus, required: true }],
  });
  status: DeliveryStatus;

  constructor(status: DeliveryStatus['value']) {
    super();
    this.status = new DeliveryStatus(status);
  }
}

/** `<display-notification>` (RFC 5438 section 7.2.1.2). */
export class DisplayNotification extends XMLElement {
  static readonly schema = defineSchema<DisplayNotification>({
    namespace: NS, name: 'display-notification', children: [{ kind: 'child', property: 'status', element: DisplayStatus, required: true }],
  });
  status: DisplayStatus;

  constructor(status: DisplayStatus['value']) {
    super();
    this.status = new DisplayStatus(status);
  }
}

/** `<processing-notification>` (RFC 5438 section 7.2.1.3). */
export class ProcessingNotification extends XMLElement {
  static readonly schema = defineSchema<ProcessingNotification>({
    namespace: NS, name: 'processing-notification', children: [{ kind: 'child', property: 'status', element: ProcessingStatus, required: true }],
  });
  status: ProcessingStatus;

  constructor(status: ProcessingStatus['value']) {
    super();
    this.status = new ProcessingStatus(status);
  }
}

/** One of the three notifications. */
export type Notification = DeliveryNotification | DisplayNotification | ProcessingNotification;

/** `<subject xml:lang="..">` of the original message. */
export class Subject extends localizedTextElement(NS, 'subject', XMLString) {}

function statusProblem(document: IMDN): string | undefined {
  const count = document.notification?.status.values.length ?? 1;
  return count === 1 ? undefined : `<status> must hold exactly one status element, not ${count}`;
}

/** The `<imdn>` document (RFC 5438 section 7.2). */
export class IMDN extends XMLRootElement {
  static override readonly contentType = 'message/imdn+xml';
  static readonly schema = defineSchema<IMDN>({
    namespace: NS, name: 'imdn',
    children: [
      { kind: 'value', property: 'messageId', namespace: NS, name: 'message-id', type: XMLString, required: true },
      { kind: 'value', property: 'datetime', namespace: NS, name: 'datetime', type: XMLDateTime, required: true },
      { kind: 'value', property: 'recipientUri', namespace: NS, name: 'recipient-uri', type: XMLURI },
      { kind: 'value', property: 'originalRecipientUri', namespace: NS, name: 'original-recipient-uri', type: XMLURI },
      { kind: 'child', property: 'subject', element: Subject },
      { kind: 'child', property: 'notification', element: [DeliveryNotification, DisplayNotification, ProcessingNotification], required: true },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  /** The Message-ID (CPIM `imdn.Message-ID`) of the message this notification is about. */
  messageId: string;
  /** The DateTime of that message. */
  datetime: Date;
  recipientUri: string | undefined;
  originalRecipientUri: string | undefined;
  subject: Subject | undefined;
  notification: Notification;
  extensions: object[];

  constructor(messageId: string, datetime: Date, notification: Notification, options: { recipientUri?: string; originalRecipientUri?: string; subject?: Subject } = {}) {
    super();
    this.messageId = messageId;
    this.datetime = datetime;
    this.notification = notification;
    this.recipientUri = options.recipientUri;
    this.originalRecipientUri = options.originalRecipientUri;
    this.subject = options.subject;
    this.extensions = [];
  }

  /** Parses a notification; throws `ParserError` or `ValidationError` (also for a `<status>` without exactly one status). */
  static override parse<T extends object>(this: ElementClass<T>, data: string | Uint8Array, options?: XMLParseOptions): T {
    const document = parseDocument(this, data, options);
    const problem = statusProblem(document as unknown as IMDN);
    if (problem !== undefined) throw new ValidationError(`{${NS}}status: ${problem}`, { element: `{${NS}}status` });
    return document;
  }

  /** Serializes the notification; throws `BuilderError` when it is invalid. */
  override toXML(options?: XMLWriteOptions): string {
    const problem = statusProblem(this);
    if (problem !== undefined) throw new BuilderError(problem, 'status');
    return serializeDocument(this, options);
  }
}
registerNamespace(IMDN, NS, '');
registerDocument(IMDN);
