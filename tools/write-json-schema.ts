// `npm run schema`: writes schema/planbot.schema.json and the reference table in
// docs/configuration.md and README.md from the zod schema. Tests fail when either is out of date.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { JSON_SCHEMA_PATH, renderJsonSchema } from '../src/config/json-schema.js';
import { REFERENCE_DOCUMENTS, spliceReferenceTable } from '../src/config/reference-table.js';

async function main(root = process.cwd()): Promise<void> {
  const schemaFile = resolve(root, JSON_SCHEMA_PATH);
  await mkdir(dirname(schemaFile), { recursive: true });
  await writeFile(schemaFile, renderJsonSchema());

  for (const doc of REFERENCE_DOCUMENTS) {
    const docFile = resolve(root, doc);
    await writeFile(docFile, spliceReferenceTable(await readFile(docFile, 'utf8')));
  }
  console.log(`wrote ${JSON_SCHEMA_PATH} and the reference table in ${REFERENCE_DOCUMENTS.join(' and ')}`);
}

await main();
