/**
 * `npm run openapi`: writes docs/openapi.json and docs/API.md from the route contract.
 * `--check` writes nothing and fails when the committed files are stale (the unit test does the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiMarkdown } from './markdown';
import { openApiDocument } from './document';

export const DOCS = join(__dirname, '..', '..', 'docs');

export function generatedDocs(): Record<string, string> {
  return {
    'openapi.json': `${JSON.stringify(openApiDocument(), null, 2)}\n`,
    'API.md': `${apiMarkdown()}\n`,
  };
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of Object.entries(generatedDocs())) {
    const path = join(DOCS, file);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (current !== text) {
        stale += 1;
        console.error(`docs/${file} is stale: run npm run openapi`);
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote docs/${file}`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
