#!/usr/bin/env node
// Runs every test file under test/ with Node's test runner and the tsx loader.
// Node 20's runner takes no globs, so the file list is gathered here.
// --unit leaves out test/interop (the tests that need the real-peer lab).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const unitOnly = process.argv.includes('--unit');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));

function collect(dir) {
  const files = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (unitOnly && path === join('test', 'interop')) continue;
      files.push(...collect(path));
    } else if (entry.endsWith('.test.ts')) {
      files.push(path);
    }
  }
  return files;
}

const files = only.length > 0 ? only : collect('test');
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
