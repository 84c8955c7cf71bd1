import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BRANCH_MAGIC_COOKIE, generateBranch, generateCallId, generateTag } from '../../../src/core/message/index.js';
import { isToken } from '../../../src/core/uri/char-class.js';

describe('id generators', () => {
  it('makes branches with the RFC 3261 magic cookie', () => {
    const branch = generateBranch();
    assert.ok(branch.startsWith(BRANCH_MAGIC_COOKIE));
    assert.ok(branch.length > BRANCH_MAGIC_COOKIE.length + 12);
  });
  it('makes unique, short, URL-safe tokens', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      for (const id of [generateBranch(), generateTag(), generateCallId()]) {
        assert.ok(isToken(id), id);
        assert.match(id, /^[A-Za-z0-9_-]+$/);
        assert.ok(!seen.has(id));
        seen.add(id);
      }
    }
    assert.ok(generateTag().length <= 16);
  });
  it('appends a host to the Call-ID when given', () => {
    assert.match(generateCallId('example.com'), /^[A-Za-z0-9_-]+@example\.com$/);
  });
});
