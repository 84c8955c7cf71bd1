// Two SIP endpoints on loopback: bob accepts text messages, alice sends him one (RFC 3428).
// Run: node --import tsx examples/message.ts
import { Engine, Message, MessageHandler } from 'sipsimple/core';

const bob = new Engine();
await bob.start({ ipv4Address: '127.0.0.1', transports: ['udp'] });
new MessageHandler(bob, ['text/plain']).start(); // other content types get 415
bob.on('SIPEngineGotMessage', (n) => {
  console.log(`bob got from ${n.data.fromHeader.uri}: ${n.data.body.toString()}`);
});

const alice = new Engine();
await alice.start({ ipv4Address: '127.0.0.1', transports: ['udp'] });
const { port } = bob.localEndpoint('udp');
const message = new Message(alice, {
  fromHeader: '"Alice" <sip:alice@example.test>',
  toHeader: `<sip:bob@127.0.0.1:${port}>`,
  contentType: 'text/plain',
  body: 'Hello, Bob',
});
message.on('SIPMessageDidSucceed', (n) => console.log(`delivered: ${n.data.code} ${n.data.reason}`));
await message.send();

await Promise.all([alice.stop(), bob.stop()]);
