// An account through the application: registers, then watches bob's presence.
// Needs a SIP server for the account's domain (or set sip.outboundProxy), so the tests only
// type-check this example; test/interop/account/ runs the same flow against Kamailio.
// Run: node --import tsx examples/account.ts alice@example.com secret sip:bob@example.com
import { SIPApplication, Account } from 'sipsimple';
import { FileStorage } from 'sipsimple/storage';

const [id = 'alice@example.com', password = 'secret', buddy = 'sip:bob@example.com'] = process.argv.slice(2);

const application = new SIPApplication();
await application.start(new FileStorage()); // ~/.config/sipsimple
const account = new Account(id);
account.enabled = true;
account.auth.password = password;
account.on('SIPAccountRegistrationDidSucceed', () => console.log('registered'));
account.on('SIPAccountGotPresenceState', (n) => console.log(n.data.resources));
await account.save(); // activates the account, which registers
await account.subscribePresence(buddy);
process.once('SIGINT', () => void application.stop());
