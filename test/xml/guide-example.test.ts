// The complete example of docs/xml-binding.md, kept here so that the guide stays true.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { documentClassFor } from '../../src/xml/index.js';
import {
  XMLElement, XMLRootListElement, defineSchema, registerDocument, registerExtension,
  registerNamespace, XMLString, XMLURI, XMLInteger, XML_NAMESPACE,
} from '../../src/xml/index.js';

const NS = 'urn:example:bookmarks';
const RATING_NS = 'urn:example:rating';

/** <title xml:lang="..">text</title> */
class Title extends XMLElement {
  static readonly schema = defineSchema<Title>({
    namespace: NS, name: 'title',
    attributes: { lang: { name: 'lang', namespace: XML_NAMESPACE, type: XMLString } },
    text: { property: 'value', type: XMLString, required: true },
  });
  value: string;
  lang: string | undefined;
  constructor(value: string, lang?: string) { super(); this.value = value; this.lang = lang; }
}

/** <bookmark uri="..."><title/>*<any ##other/>*</bookmark> */
class Bookmark extends XMLElement {
  static readonly schema = defineSchema<Bookmark>({
    namespace: NS, name: 'bookmark',
    attributes: { uri: { name: 'uri', type: XMLURI, required: true } },
    children: [
      { kind: 'list', property: 'titles', element: Title },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  uri: string;
  titles: Title[];
  extensions: object[];
  constructor(uri: string, titles: Title[] = []) { super(); this.uri = uri; this.titles = titles; this.extensions = []; }
}

/** The document: a list of bookmarks. */
class Bookmarks extends XMLRootListElement<Bookmark> {
  static override readonly contentType = 'application/x-bookmarks+xml';
  static override itemKey = 'uri';
  static readonly schema = defineSchema<Bookmarks>({
    namespace: NS, name: 'bookmarks', list: true,
    children: [{ kind: 'items', element: Bookmark }],
  });
}
registerNamespace(Bookmarks, NS, '');          // declared on the root, as the default namespace
registerDocument(Bookmarks);                    // documentClassFor('application/x-bookmarks+xml')

/** An extension in another namespace, plugged into <bookmark>. */
class Rating extends XMLElement {
  static readonly schema = defineSchema<Rating>({
    namespace: RATING_NS, name: 'rating', text: { property: 'stars', type: XMLInteger, required: true },
  });
  constructor(public stars: number) { super(); }
}
registerExtension(Bookmark, Rating);
registerNamespace(Bookmarks, RATING_NS, 'r');


it('the guide example builds, writes and parses a document with an extension', () => {
  const doc = new Bookmarks([new Bookmark('sip:alice@example.com', [new Title('Alice', 'en')])]);
  doc[0]!.setExtension(Rating, new Rating(5));
  const xml = doc.toXML({ pretty: true });
  const back = Bookmarks.parse(xml);            // string or Uint8Array
  assert.equal(back.get('sip:alice@example.com')?.extension(Rating)?.stars, 5);
  assert.equal(back.get('sip:alice@example.com')?.titles[0]?.lang, 'en');
  assert.deepEqual(back.invalid, []);
  assert.equal(documentClassFor('application/x-bookmarks+xml'), Bookmarks);
  assert.match(xml, /<r:rating>5<\/r:rating>/);
});
