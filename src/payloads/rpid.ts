/**
 * RPID, rich presence extensions to PIDF (RFC 4480), in the
 * `urn:ietf:params:xml:ns:pidf:rpid` namespace. Importing this module
 * registers each element on the components RFC 4480 section 3 places it in
 * (person, tuple/service, device). Elements of other namespaces inside RPID
 * elements (RFC 4589 location types in `<place-type>`, ...) are kept.
 *
 * Enumerated empty elements (`<rpid:meeting/>`) are exposed as token
 * strings in `values`.
 */
import {
  defineSchema,
  enumeration,
  localizedTextElement,
  registerExtension,
  registerNamespace,
  XMLDateTime,
  XMLElement,
  XMLInteger,
  XMLPositiveInteger,
  XMLString,
  XMLToken,
  XMLURI,
  type ValueType,
} from '../xml/index.js';
import { Device, Person } from './datamodel.js';
import { PIDF, Tuple } from './pidf.js';

/** The RPID namespace (RFC 4480 section 6). */
export const RPID_NAMESPACE = 'urn:ietf:params:xml:ns:pidf:rpid';

/** Values of `<rpid:activities>` (RFC 4480 section 3.2). */
export const ACTIVITIES = [
  'appointment', 'away', 'breakfast', 'busy', 'dinner', 'holiday', 'in-transit', 'looking-for-work', 'meal', 'meeting',
  'on-the-phone', 'performance', 'permanent-absence', 'playing', 'presentation', 'shopping', 'sleeping', 'spectator',
  'steering', 'travel', 'tv', 'vacation', 'working', 'worship', 'unknown',
] as const;
/** One activity. */
export type ActivityValue = (typeof ACTIVITIES)[number];

/** Values of `<rpid:mood>` (RFC 4480 section 3.5). */
export const MOODS = [
  'afraid', 'amazed', 'angry', 'annoyed', 'anxious', 'ashamed', 'bored', 'brave', 'calm', 'cold', 'confused', 'contented',
  'cranky', 'curious', 'depressed', 'disappointed', 'disgusted', 'distracted', 'embarrassed', 'excited', 'flirtatious',
  'frustrated', 'grumpy', 'guilty', 'happy', 'hot', 'humbled', 'humiliated', 'hungry', 'hurt', 'impressed', 'in_awe',
  'in_love', 'indignant', 'interested', 'invincible', 'jealous', 'lonely', 'mean', 'moody', 'nervous', 'neutral',
  'offended', 'playful', 'proud', 'relieved', 'remorseful', 'restless', 'sad', 'sarcastic', 'serious', 'shocked', 'shy',
  'sick', 'sleepy', 'stressed', 'surprised', 'thirsty', 'worried', 'unknown',
] as const;
/** One mood. */
export type MoodValue = (typeof MOODS)[number];

/** Values of `<rpid:privacy>` (RFC 4480 section 3.8). */
export const PRIVACY_VALUES = ['audio', 'text', 'video', 'unknown'] as const;
/** Values of `<rpid:relationship>` (RFC 4480 section 3.9). */
export const RELATIONSHIPS = ['assistant', 'associate', 'family', 'friend', 'self', 'supervisor', 'unknown'] as const;
/** Values of `<rpid:service-class>` (RFC 4480 section 3.10). */
export const SERVICE_CLASSES = ['courier', 'electronic', 'freight', 'in-person', 'postal', 'unknown'] as const;
/** Values of `<rpid:sphere>` (RFC 4480 section 3.11). */
export const SPHERES = ['home', 'work', 'unknown'] as const;

/** Validity interval and identifier shared by most RPID elements (RFC 4480 section 3.1, `fromUntil`). */
export interface RPIDTimed {
  id?: string | undefined;
  /** Start of validity. */
  from?: Date | undefined;
  /** End of validity. */
  until?: Date | undefined;
}

const TIMED = {
  id: { name: 'id', type: XMLToken },
  from: { name: 'from', type: XMLDateTime },
  until: { name: 'until', type: XMLDateTime },
} as const;

/** Text that is `undefined` when empty or whitespace only (mixed content such as `<rpid:sphere>`). */
const OptionalText: ValueType<string | undefined> = {
  name: 'string',
  parse: (text) => (text.trim() === '' ? undefined : text),
  format: (value) => value ?? '',
};

/** `<rpid:note xml:lang="..">`: a note inside an RPID element (RFC 4480 section 3.1, `Note_t`). */
export class RPIDNote extends localizedTextElement(RPID_NAMESPACE, 'note') {}

/** `<rpid:other xml:lang="..">`: a free-text value outside the enumeration (RFC 4480 section 3.1). */
export class Other extends localizedTextElement(RPID_NAMESPACE, 'other') {}

/** Options shared by the enumerated RPID elements. */
export interface EnumeratedOptions extends RPIDTimed {
  notes?: RPIDNote[];
  others?: Other[];
  extensions?: object[];
}

/** Base of the enumerated RPID elements: notes, token values, `<rpid:other>` values and extensions. */
abstract class Enumerated<V extends string> extends XMLElement implements RPIDTimed {
  id: string | undefined;
  from: Date | undefined;
  until: Date | undefined;
  notes: RPIDNote[];
  values: V[];
  others: Other[];
  extensions: object[];
  constructor(values: V[] = [], options: EnumeratedOptions = {}) {
    super();
    this.id = options.id;
    this.from = options.from;
    this.until = options.until;
    this.notes = options.notes ?? [];
    this.values = values;
    this.others = options.others ?? [];
    this.extensions = options.extensions ?? [];
  }
}

function enumeratedChildren(values: readonly string[], withOther: boolean) {
  return [
    { kind: 'list', property: 'notes', element: RPIDNote },
    { kind: 'tokens', property: 'values', namespace: RPID_NAMESPACE, names: values },
    ...(withOther ? [{ kind: 'list', property: 'others', element: Other } as const] : []),
    { kind: 'extensions', property: 'extensions' },
  ] as const;
}

/** `<rpid:activities>`: what the person is doing (RFC 4480 section 3.2). */
export class Activities extends Enumerated<ActivityValue> {
  static readonly schema = defineSchema<Activities>({
    namespace: RPID_NAMESPACE,
    name: 'activities',
    attributes: TIMED,
    children: enumeratedChildren(ACTIVITIES, true),
  });
}

/** `<rpid:mood>`: the person's mood (RFC 4480 section 3.5). */
export class Mood extends Enumerated<MoodValue> {
  static readonly schema = defineSchema<Mood>({
    namespace: RPID_NAMESPACE,
    name: 'mood',
    attributes: TIMED,
    children: enumeratedChildren(MOODS, true),
  });
}

/** `<rpid:privacy>`: which media third parties are unlikely to intercept (RFC 4480 section 3.8). */
export class Privacy extends Enumerated<(typeof PRIVACY_VALUES)[number]> {
  static readonly schema = defineSchema<Privacy>({
    namespace: RPID_NAMESPACE,
    name: 'privacy',
    attributes: TIMED,
    children: enumeratedChildren(PRIVACY_VALUES, false),
  });
}

/** `<rpid:relationship>`: how an alternate contact relates to the presentity (RFC 4480 section 3.9). */
export class Relationship extends Enumerated<(typeof RELATIONSHIPS)[number]> {
  static readonly schema = defineSchema<Relationship>({
    namespace: RPID_NAMESPACE,
    name: 'relationship',
    children: enumeratedChildren(RELATIONSHIPS, true),
  });
}

/** `<rpid:service-class>`: the type of service offered (RFC 4480 section 3.10). */
export class ServiceClass extends Enumerated<(typeof SERVICE_CLASSES)[number]> {
  static readonly schema = defineSchema<ServiceClass>({
    namespace: RPID_NAMESPACE,
    name: 'service-class',
    children: enumeratedChildren(SERVICE_CLASSES, false),
  });
}

/**
 * `<rpid:place-type>`: the type of place the person is in (RFC 4480
 * section 3.7), usually an RFC 4589 location type (`<lt:residence/>`),
 * which is kept in `extensions`, or free text in `others`.
 */
export class PlaceType extends Enumerated<never> {
  static readonly schema = defineSchema<PlaceType>({
    namespace: RPID_NAMESPACE,
    name: 'place-type',
    attributes: TIMED,
    children: enumeratedChildren([], true),
  });
}

/**
 * `<rpid:sphere>`: the current role of the person (RFC 4480 section 3.11):
 * `home`, `work`, `unknown` as `values`, or free text (`bowling league`)
 * as `text`.
 */
export class Sphere extends XMLElement implements RPIDTimed {
  static readonly schema = defineSchema<Sphere>({
    namespace: RPID_NAMESPACE,
    name: 'sphere',
    attributes: TIMED,
    text: { property: 'text', type: OptionalText as ValueType<string> },
    children: [
      { kind: 'tokens', property: 'values', namespace: RPID_NAMESPACE, names: SPHERES },
      { kind: 'extensions', property: 'extensions' },
    ],
  });
  id: string | undefined;
  from: Date | undefined;
  until: Date | undefined;
  text: string | undefined;
  values: Array<(typeof SPHERES)[number]>;
  extensions: object[];
  constructor(value: (typeof SPHERES)[number] | { text: string }, options: RPIDTimed = {}) {
    super();
    this.id = options.id;
    this.from = options.from;
    this.until = options.until;
    this.text = typeof value === 'string' ? undefined : value.text;
    this.values = typeof value === 'string' ? [value] : [];
    this.extensions = [];
  }
}

/** Values of one medium of `<rpid:place-is>`. */
export const PLACE_AUDIO = ['noisy', 'ok', 'quiet', 'unknown'] as const;
/** Values of `<rpid:video>` in `<rpid:place-is>`. */
export const PLACE_VIDEO = ['toobright', 'ok', 'dark', 'unknown'] as const;
/** Values of `<rpid:text>` in `<rpid:place-is>`. */
export const PLACE_TEXT = ['uncomfortable', 'inappropriate', 'ok', 'unknown'] as const;

/** Base of the media of `<rpid:place-is>`: one token value. */
abstract class PlaceInformation<V extends string> extends XMLElement {
  values: V[];
  constructor(value: V) {
    super();
    this.values = [value];
  }
  /** The (single) value. */
  get value(): V | undefined {
    return this.values[0];
  }
}

/** `<rpid:audio>` in `<rpid:place-is>` (RFC 4480 section 3.6). */
export class AudioPlaceInformation extends PlaceInformation<(typeof PLACE_AUDIO)[number]> {
  static readonly schema = defineSchema<AudioPlaceInformation>({
    namespace: RPID_NAMESPACE,
    name: 'audio',
    children: [{ kind: 'tokens', property: 'values', namespace: RPID_NAMESPACE, names: PLACE_AUDIO }],
  });
}

/** `<rpid:video>` in `<rpid:place-is>` (RFC 4480 section 3.6). */
export class VideoPlaceInformation extends PlaceInformation<(typeof PLACE_VIDEO)[number]> {
  static readonly schema = defineSchema<VideoPlaceInformation>({
    namespace: RPID_NAMESPACE,
    name: 'video',
    children: [{ kind: 'tokens', property: 'values', namespace: RPID_NAMESPACE, names: PLACE_VIDEO }],
  });
}

/** `<rpid:text>` in `<rpid:place-is>` (RFC 4480 section 3.6). */
export class TextPlaceInformation extends PlaceInformation<(typeof PLACE_TEXT)[number]> {
  static readonly schema = defineSchema<TextPlaceInformation>({
    namespace: RPID_NAMESPACE,
    name: 'text',
    children: [{ kind: 'tokens', property: 'values', namespace: RPID_NAMESPACE, names: PLACE_TEXT }],
  });
}

/** Options of {@link PlaceIs}. */
export interface PlaceIsOptions extends RPIDTimed {
  notes?: RPIDNote[];
  audio?: AudioPlaceInformation;
  video?: VideoPlaceInformation;
  text?: TextPlaceInformation;
}

/** `<rpid:place-is>`: properties of the place for each medium (RFC 4480 section 3.6). */
export class PlaceIs extends XMLElement implements RPIDTimed {
  static readonly schema = defineSchema<PlaceIs>({
    namespace: RPID_NAMESPACE,
    name: 'place-is',
    attributes: TIMED,
    children: [
      { kind: 'list', property: 'notes', element: RPIDNote },
      { kind: 'child', property: 'audio', element: AudioPlaceInformation },
      { kind: 'child', property: 'video', element: VideoPlaceInformation },
      { kind: 'child', property: 'text', element: TextPlaceInformation },
    ],
  });
  id: string | undefined;
  from: Date | undefined;
  until: Date | undefined;
  notes: RPIDNote[];
  audio: AudioPlaceInformation | undefined;
  video: VideoPlaceInformation | undefined;
  text: TextPlaceInformation | undefined;
  constructor(options: PlaceIsOptions = {}) {
    super();
    this.id = options.id;
    this.from = options.from;
    this.until = options.until;
    this.notes = options.notes ?? [];
    this.audio = options.audio;
    this.video = options.video;
    this.text = options.text;
  }
}

/** `<rpid:status-icon>`: URI of an icon for the current status (RFC 4480 section 3.12). */
export class StatusIcon extends XMLElement implements RPIDTimed {
  static readonly schema = defineSchema<StatusIcon>({
    namespace: RPID_NAMESPACE,
    name: 'status-icon',
    attributes: TIMED,
    text: { property: 'value', type: XMLURI, required: true },
  });
  id: string | undefined;
  from: Date | undefined;
  until: Date | undefined;
  value: string;
  constructor(value: string, options: RPIDTimed = {}) {
    super();
    this.id = options.id;
    this.from = options.from;
    this.until = options.until;
    this.value = value;
  }
}

/** `<rpid:time-offset>`: minutes from UTC at the person's location (RFC 4480 section 3.13). */
export class TimeOffset extends XMLElement implements RPIDTimed {
  static readonly schema = defineSchema<TimeOffset>({
    namespace: RPID_NAMESPACE,
    name: 'time-offset',
    attributes: { ...TIMED, description: { name: 'description', type: XMLString } },
    text: { property: 'value', type: XMLInteger, required: true },
  });
  id: string | undefined;
  from: Date | undefined;
  until: Date | undefined;
  description: string | undefined;
  value: number;
  constructor(value: number, options: RPIDTimed & { description?: string } = {}) {
    super();
    this.id = options.id;
    this.from = options.from;
    this.until = options.until;
    this.description = options.description;
    this.value = value;
  }
}

/** `<rpid:user-input>`: whether the user is active or idle on the service or device (RFC 4480 section 3.14). */
export class UserInput extends XMLElement {
  static readonly schema = defineSchema<UserInput>({
    namespace: RPID_NAMESPACE,
    name: 'user-input',
    attributes: {
      id: { name: 'id', type: XMLToken },
      idleThreshold: { name: 'idle-threshold', type: XMLPositiveInteger },
      lastInput: { name: 'last-input', type: XMLDateTime },
    },
    text: { property: 'value', type: enumeration(['active', 'idle'] as const, 'activeIdle'), required: true },
  });
  id: string | undefined;
  /** Seconds without input after which the user counts as idle. */
  idleThreshold: number | undefined;
  /** When the last input happened. */
  lastInput: Date | undefined;
  value: 'active' | 'idle';
  constructor(value: 'active' | 'idle', options: { id?: string; idleThreshold?: number; lastInput?: Date } = {}) {
    super();
    this.id = options.id;
    this.idleThreshold = options.idleThreshold;
    this.lastInput = options.lastInput;
    this.value = value;
  }
}

/** `<rpid:class>`: a free token grouping tuples, devices or persons (RFC 4480 section 3.3). */
export class Class extends XMLElement {
  static readonly schema = defineSchema<Class>({
    namespace: RPID_NAMESPACE,
    name: 'class',
    text: { property: 'value', type: XMLToken, required: true },
  });
  constructor(public value: string) {
    super();
  }
  override toString(): string {
    return this.value;
  }
}

registerNamespace(PIDF, RPID_NAMESPACE, 'rpid');
for (const extension of [Activities, Class, Mood, PlaceIs, PlaceType, Privacy, Sphere, StatusIcon, TimeOffset, UserInput]) {
  registerExtension(Person, extension);
}
for (const extension of [Class, Privacy, Relationship, ServiceClass, StatusIcon, UserInput]) registerExtension(Tuple, extension);
for (const extension of [Class, UserInput]) registerExtension(Device, extension);
