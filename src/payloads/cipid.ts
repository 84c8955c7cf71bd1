/**
 * CIPID, contact information for the presence data format (RFC 4482), in
 * the `urn:ietf:params:xml:ns:pidf:cipid` namespace. Importing this module
 * registers the elements on persons and tuples (RFC 4482 section 2).
 */
import { defineSchema, registerExtension, registerNamespace, XMLElement, XMLURI, localizedTextElement, type ElementSchema } from '../xml/index.js';
import { Person } from './datamodel.js';
import { PIDF, Tuple } from './pidf.js';

/** The CIPID namespace (RFC 4482 section 3). */
export const CIPID_NAMESPACE = 'urn:ietf:params:xml:ns:pidf:cipid';

/** Base of the CIPID elements whose content is a URI, kept byte for byte. */
abstract class CIPIDURI extends XMLElement {
  constructor(public value: string) {
    super();
  }
  override toString(): string {
    return this.value;
  }
}

function uriSchema(name: string): ElementSchema {
  return defineSchema<CIPIDURI>({ namespace: CIPID_NAMESPACE, name, text: { property: 'value', type: XMLURI, required: true } });
}

/** `<c:card>`: URI of the presentity's business card, e.g. a vCard (RFC 4482 section 2.1). */
export class Card extends CIPIDURI {
  static readonly schema = uriSchema('card');
}

/** `<c:homepage>`: URI of the presentity's home page (RFC 4482 section 2.3). */
export class Homepage extends CIPIDURI {
  static readonly schema = uriSchema('homepage');
}

/** `<c:icon>`: URI of an image representing the presentity (RFC 4482 section 2.4). */
export class Icon extends CIPIDURI {
  static readonly schema = uriSchema('icon');
}

/** `<c:map>`: URI of a map related to the presentity (RFC 4482 section 2.5); named so as not to shadow the global `Map`. */
export class CIPIDMap extends CIPIDURI {
  static readonly schema = uriSchema('map');
}

/** `<c:sound>`: URI of a sound related to the presentity (RFC 4482 section 2.6). */
export class Sound extends CIPIDURI {
  static readonly schema = uriSchema('sound');
}

/** `<c:display-name xml:lang="..">`: the name to show for the presentity (RFC 4482 section 2.2). */
export class DisplayName extends localizedTextElement(CIPID_NAMESPACE, 'display-name') {}

registerNamespace(PIDF, CIPID_NAMESPACE, 'c');
for (const extension of [Card, DisplayName, Homepage, Icon, CIPIDMap, Sound]) {
  registerExtension(Person, extension);
  registerExtension(Tuple, extension);
}
