/**
 * Is-composing indication (RFC 3994): the `application/im-iscomposing+xml`
 * documents a chat party sends to say that the user is typing (`active`)
 * or stopped (`idle`).
 */
import {
  XMLDateTime, XMLPositiveInteger, XMLRootElement, XMLToken, defineSchema, enumeration, registerDocument, registerNamespace,
} from '../xml/index.js';

/** Namespace of isComposing (RFC 3994 section 4). */
export const IS_COMPOSING_NAMESPACE = 'urn:ietf:params:xml:ns:im-iscomposing';
const NS = IS_COMPOSING_NAMESPACE;

/** The two composing states (RFC 3994 section 3). */
export type ComposingState = 'idle' | 'active';

/** The `<isComposing>` document (RFC 3994 section 4). */
export class IsComposing extends XMLRootElement {
  static override readonly contentType = 'application/im-iscomposing+xml';
  static readonly schema = defineSchema<IsComposing>({
    namespace: NS, name: 'isComposing',
    children: [
      { kind: 'value', property: 'state', namespace: NS, name: 'state', type: enumeration(['idle', 'active'], 'state'), required: true },
      { kind: 'value', property: 'lastActive', namespace: NS, name: 'lastactive', type: XMLDateTime },
      { kind: 'value', property: 'composingContentType', namespace: NS, name: 'contenttype', type: XMLToken },
      { kind: 'value', property: 'refresh', namespace: NS, name: 'refresh', type: XMLPositiveInteger },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  state: ComposingState;
  /** When the user last composed (in `idle` state). */
  lastActive: Date | undefined;
  /** The `<contenttype>` being composed (`text/plain`, `audio`, ...); `contentType` is the document's own MIME type. */
  composingContentType: string | undefined;
  /** Seconds after which an `active` state expires unless refreshed (RFC 3994 section 3.2). */
  refresh: number | undefined;
  extensions: object[];

  constructor(state: ComposingState, options: { lastActive?: Date; contentType?: string; refresh?: number } = {}) {
    super();
    this.state = state;
    this.lastActive = options.lastActive;
    this.composingContentType = options.contentType;
    this.refresh = options.refresh;
    this.extensions = [];
  }
}
registerNamespace(IsComposing, NS, '');
registerDocument(IsComposing);
