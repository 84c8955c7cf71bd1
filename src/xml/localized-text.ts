/**
 * Localized text elements: a string with an optional `xml:lang` attribute
 * (XML 1.0 section 2.12), the shape of PIDF's `<note>` (RFC 3863 section
 * 4.1.6), RPID's `Note_t` (RFC 4480 section 3.1), CIPID's `<display-name>`
 * (RFC 4482 section 2.2), resource lists' `<display-name>` (RFC 4826
 * section 3.2) and many more. Each payload declares its own element with
 * {@link localizedTextElement} and a class of its own name:
 * `export class Note extends localizedTextElement(PIDF_NAMESPACE, 'note') {}`.
 */
import { XMLElement } from './element.js';
import { defineSchema, type ElementSchema } from './schema.js';
import { XMLString, XMLToken, type ValueType } from './values.js';
import { XML_NAMESPACE } from './node.js';

/** Instance side of a localized text element. */
export interface LocalizedText {
  /** The text. */
  value: string;
  /** Language tag (`xml:lang`). */
  lang: string | undefined;
}

/** The class {@link localizedTextElement} returns: `new (value, lang?)`, with its static schema. */
export interface LocalizedTextElementClass {
  new (value: string, lang?: string): XMLElement & LocalizedText;
  readonly prototype: XMLElement & LocalizedText;
  readonly schema: ElementSchema;
}

/**
 * A base class for the element `{namespace}name` whose required text is the
 * value and whose optional `xml:lang` attribute is the language; `langType`
 * reads the attribute (default `XMLToken`, which trims it; `XMLString` keeps
 * it as written). Its `toString()` is the text.
 */
export function localizedTextElement(namespace: string, name: string, langType: ValueType<string> = XMLToken): LocalizedTextElementClass {
  class LocalizedTextElement extends XMLElement implements LocalizedText {
    static readonly schema = defineSchema<LocalizedTextElement>({
      namespace,
      name,
      attributes: { lang: { name: 'lang', namespace: XML_NAMESPACE, type: langType } },
      text: { property: 'value', type: XMLString, required: true },
    });
    value: string;
    lang: string | undefined;
    constructor(value: string, lang?: string) {
      super();
      this.value = value;
      this.lang = lang;
    }
    override toString(): string {
      return this.value;
    }
  }
  return LocalizedTextElement;
}
