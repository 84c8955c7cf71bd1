// Runs every benchmark module in bench/ (each exports `run()`), in name order.
// `npm run bench -- NAME` runs only the modules whose file name contains NAME.
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const modules = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== basename(fileURLToPath(import.meta.url)))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (modules.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(1);
}
for (const file of modules) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => unknown };
  if (typeof module.run !== 'function') {
    console.error(`${file}: no exported run()`);
    process.exitCode = 1;
    continue;
  }
  console.log(`\n== ${file.replace(/\.ts$/, '')}`);
  await module.run();
}
