/**
 * The presence data model (RFC 4479): persons, devices and device IDs as
 * PIDF extensions in the `urn:ietf:params:xml:ns:pidf:data-model`
 * namespace. Importing this module registers them on {@link PIDF} and
 * {@link Tuple}.
 */
import { defineSchema, registerExtension, registerNamespace, XMLDateTime, XMLElement, XMLToken, XMLURI, localizedTextElement } from '../xml/index.js';
import { PIDF, Tuple } from './pidf.js';

/** The data-model namespace (RFC 4479 section 5). */
export const DATA_MODEL_NAMESPACE = 'urn:ietf:params:xml:ns:pidf:data-model';

/** `<dm:deviceID>`: a URN identifying a device, in a tuple or a device (RFC 4479 section 3.4.2). */
export class DeviceID extends XMLElement {
  static readonly schema = defineSchema<DeviceID>({
    namespace: DATA_MODEL_NAMESPACE,
    name: 'deviceID',
    text: { property: 'value', type: XMLURI, required: true },
  });
  constructor(public value: string) {
    super();
  }
  override toString(): string {
    return this.value;
  }
}

/** `<dm:note xml:lang="..">`: a note on a person or device (RFC 4479 section 5). */
export class DMNote extends localizedTextElement(DATA_MODEL_NAMESPACE, 'note') {}

/** `<dm:timestamp>`: when the person or device information last changed (RFC 4479 section 5). */
export class DMTimestamp extends XMLElement {
  static readonly schema = defineSchema<DMTimestamp>({
    namespace: DATA_MODEL_NAMESPACE,
    name: 'timestamp',
    text: { property: 'value', type: XMLDateTime, required: true },
  });
  constructor(public value: Date = new Date()) {
    super();
  }
}

/** Options of a {@link Person} or {@link Device}. */
export interface DataComponentOptions {
  notes?: DMNote[];
  timestamp?: DMTimestamp;
  extensions?: object[];
}

/** `<dm:person id="...">`: the person component: RPID and CIPID elements about the presentity (RFC 4479 section 3.2). */
export class Person extends XMLElement {
  static readonly schema = defineSchema<Person>({
    namespace: DATA_MODEL_NAMESPACE,
    name: 'person',
    attributes: { id: { name: 'id', type: XMLToken, required: true } },
    children: [
      { kind: 'extensions', property: 'extensions' },
      { kind: 'list', property: 'notes', element: DMNote },
      { kind: 'child', property: 'timestamp', element: DMTimestamp },
    ],
  });
  id: string;
  extensions: object[];
  notes: DMNote[];
  timestamp: DMTimestamp | undefined;
  constructor(id: string, options: DataComponentOptions = {}) {
    super();
    this.id = id;
    this.extensions = options.extensions ?? [];
    this.notes = options.notes ?? [];
    this.timestamp = options.timestamp;
  }
}

/** `<dm:device id="...">`: the device component, identified by its deviceID (RFC 4479 section 3.4). */
export class Device extends XMLElement {
  static readonly schema = defineSchema<Device>({
    namespace: DATA_MODEL_NAMESPACE,
    name: 'device',
    attributes: { id: { name: 'id', type: XMLToken, required: true } },
    children: [
      { kind: 'extensions', property: 'extensions' },
      { kind: 'child', property: 'deviceID', element: DeviceID, required: true },
      { kind: 'list', property: 'notes', element: DMNote },
      { kind: 'child', property: 'timestamp', element: DMTimestamp },
    ],
  });
  id: string;
  extensions: object[];
  deviceID: DeviceID;
  notes: DMNote[];
  timestamp: DMTimestamp | undefined;
  constructor(id: string, deviceID: DeviceID | string, options: DataComponentOptions = {}) {
    super();
    this.id = id;
    this.extensions = options.extensions ?? [];
    this.deviceID = typeof deviceID === 'string' ? new DeviceID(deviceID) : deviceID;
    this.notes = options.notes ?? [];
    this.timestamp = options.timestamp;
  }
}

registerNamespace(PIDF, DATA_MODEL_NAMESPACE, 'dm');
registerExtension(PIDF, Person);
registerExtension(PIDF, Device);
registerExtension(Tuple, DeviceID);
