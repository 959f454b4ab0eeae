import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { readFileSync } from 'node:fs';
const s = readFileSync('/tmp/gen1mb.md', 'utf8');
const pieces = s.split(/(?=^### Phase \d*0: )/m);
function lite() { const d = this.data(); (d.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem()); (d.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()); }
const p = unified().use(remarkParse).use(lite);
for (let r = 0; r < 3; r++) { let t = performance.now(); for (const x of pieces) p.parse(x); console.log('lite', Math.round(performance.now() - t)); }
