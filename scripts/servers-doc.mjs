#!/usr/bin/env node
// scripts/servers-doc.mjs: writes docs/servers.md from the software, signature and fix-path tables
// (through test/docs/serversDoc.ts), so the document lists exactly what ftp-doctor can name.
//
//   node scripts/servers-doc.mjs            rewrite docs/servers.md
//   node scripts/servers-doc.mjs --stdout   print the markdown instead
//
// test/docs/serversDoc.test.ts fails when the committed document is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTypeScript, ROOT } from './lib/importTypeScript.mjs';

const { renderServersDoc } = await importTypeScript('test/docs/serversDoc.ts');
const markdown = renderServersDoc();
if (process.argv.includes('--stdout')) process.stdout.write(markdown);
else writeFileSync(join(ROOT, 'docs', 'servers.md'), markdown);
