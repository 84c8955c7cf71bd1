import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageSummary } from '../../src/payloads/messagesummary.js';
import { BuilderError, ParserError } from '../../src/xml/index.js';

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

// RFC 3842, the NOTIFY body of its examples, typed in from the RFC.
const RFC3842_SIMPLE = crlf(`Messages-Waiting: yes
Message-Account: sip:alice@vmail.example.com
Voice-Message: 2/8 (0/2)
`);

// In the form of RFC 3842's examples with optional message headers (section 5.2), two messages.
const RFC3842_WITH_HEADERS = crlf(`Messages-Waiting: yes
Message-Account: sip:alice@vmail.example.com
Voice-Message: 4/8 (1/2)

To: <alice@atlanta.example.com>
From: <bob@biloxi.example.com>
Subject: carpool tomorrow?
Date: Sun, 16 Mar 2003 20:30:00 -0800
Priority: normal
Message-ID: 13784@vmail.example.com

To: <alice@atlanta.example.com>
From: <charlie@example.net>
Subject: lunch
Priority: urgent
Message-ID: 13785@vmail.example.com
`);

describe('message summary (RFC 3842)', () => {
  it('parses the simple RFC 3842 example', () => {
    const summary = MessageSummary.parse(RFC3842_SIMPLE);
    assert.equal(summary.messagesWaiting, true);
    assert.equal(summary.messageAccount, 'sip:alice@vmail.example.com');
    assert.deepEqual(summary.summaries.get('voice-message'), { newMessages: 2, oldMessages: 8, newUrgentMessages: 0, oldUrgentMessages: 2 });
    assert.equal(summary.encode(), RFC3842_SIMPLE);
    assert.equal(summary.contentType, 'application/simple-message-summary');
  });

  it('parses the example with optional message headers and writes it back', () => {
    const summary = MessageSummary.parse(Buffer.from(RFC3842_WITH_HEADERS));
    assert.equal(summary.optionalHeaders.length, 2);
    assert.deepEqual(summary.optionalHeaders[0]![2], ['Subject', 'carpool tomorrow?']);
    assert.deepEqual(summary.optionalHeaders[1]![3], ['Priority', 'urgent']);
    assert.equal(summary.encode(), RFC3842_WITH_HEADERS);
  });

  it('builds a summary with several classes, case-insensitive on input', () => {
    const summary = new MessageSummary(false, { summaries: [['Fax-Message', { newMessages: 0, oldMessages: 1 }]] });
    summary.summaries.set('voice-message', { newMessages: 0, oldMessages: 3 });
    const text = summary.toString();
    assert.equal(text, 'Messages-Waiting: no\r\nFax-Message: 0/1\r\nVoice-Message: 0/3\r\n');
    const back = MessageSummary.parse('messages-waiting: NO\nfax-message: 0 / 1\n');
    assert.equal(back.messagesWaiting, false);
    assert.deepEqual(back.summaries.get('fax-message'), { newMessages: 0, oldMessages: 1 });
  });

  it('rejects invalid bodies with a ParserError naming the line and field', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /Messages-Waiting is required/],
      ['Voice-Message: 1/2\r\n', /first line must be Messages-Waiting/],
      ['Messages-Waiting: maybe\r\n', /neither yes nor no/],
      ['Messages-Waiting: yes\r\nVoice-Message: two/3\r\n', /line 2: 'two\/3' is not new\/old/],
      ['Messages-Waiting: yes\r\nVoice-Message: 1/2 (1)\r\n', /is not new\/old/],
      ['Messages-Waiting: yes\r\nVoice-Message: 1/2\r\nVoice-Message: 1/2\r\n', /appears twice/],
      ['Messages-Waiting: yes\r\nVoice-Message: 1/2\r\nMessage-Account: sip:a@b\r\n', /must follow Messages-Waiting/],
      ['Messages-Waiting: yes\r\n\r\nno colon here\r\n', /line 3.*not a 'Name: value' field/],
      ['Messages-Waiting: yes\r\nVoice-Message: 1234567890/1\r\n', /not new\/old/],
    ];
    for (const [text, pattern] of cases) {
      assert.throws(() => MessageSummary.parse(text), (error: unknown) => error instanceof ParserError && pattern.test(error.message), `${pattern}`);
    }
    assert.throws(() => MessageSummary.parse('x'.repeat(70_000)), ParserError);
  });

  it('refuses to build invalid summaries', () => {
    assert.throws(() => new MessageSummary(true, { summaries: [['voice-message', { newMessages: -1, oldMessages: 0 }]] }).encode(), BuilderError);
    assert.throws(() => new MessageSummary(true, { summaries: [['voice-message', { newMessages: 1, oldMessages: 0, newUrgentMessages: 1 }]] }).encode(), BuilderError);
    assert.throws(() => new MessageSummary(true, { messageAccount: 'sip:a b' }).encode(), BuilderError);
    assert.throws(() => new MessageSummary(true, { optionalHeaders: [[['Subject', 'a\r\nInjected: 1']]] }).encode(), BuilderError);
  });
});
