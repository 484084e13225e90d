#!/usr/bin/env node
// Fails on a broken relative link in README.md and docs/*.md: a file or folder that does not exist, or a
// #anchor that names no heading of its target. Anchors follow GitHub's rules (github-slugger): the heading's
// text lowercased, punctuation dropped, each space a '-', a repeated heading suffixed -1, -2... Links to
// other sites are not fetched (the build stays offline). No dependencies: Node's standard library only.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs');
const files = [join(root, 'README.md'),
  ...(existsSync(docs) ? readdirSync(docs).filter((f) => f.endsWith('.md')).map((f) => join(docs, f)) : [])];

// The Markdown outside fenced code blocks, line by line, with inline code spans blanked out.
function prose(text) {
  const lines = [];
  let fence = null;
  for (const line of text.split('\n')) {
    const marker = line.match(/^\s*(`{3,}|~{3,})/);
    if (fence) {
      if (marker && marker[1][0] === fence[0] && marker[1].length >= fence.length) fence = null;
      lines.push('');
    } else if (marker) {
      fence = marker[1];
      lines.push('');
    } else {
      lines.push(line.replace(/(`+)[^`]*?\1/g, (code) => ' '.repeat(code.length)));
    }
  }
  return lines;
}

// GitHub's anchor for a heading's rendered text.
function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // HTML tags
    .replace(/`/g, '');
  return text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

const anchorCache = new Map();
function anchors(file) {
  if (!anchorCache.has(file)) {
    const found = new Set();
    const seen = new Map();
    let fence = null;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const marker = line.match(/^\s*(`{3,}|~{3,})/);
      if (fence) {
        if (marker && marker[1][0] === fence[0] && marker[1].length >= fence.length) fence = null;
        continue;
      }
      if (marker) { fence = marker[1]; continue; }
      const heading = line.match(/^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/);
      if (heading) {
        const base = slug(heading[1]);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        found.add(n === 0 ? base : `${base}-${n}`);
      }
      for (const html of line.matchAll(/<a\s[^>]*(?:name|id)="([^"]+)"/g)) found.add(html[1]);
    }
    anchorCache.set(file, found);
  }
  return anchorCache.get(file);
}

const problems = [];
let checked = 0;
for (const file of files) {
  const lines = prose(readFileSync(file, 'utf8'));
  lines.forEach((line, i) => {
    const targets = [
      ...[...line.matchAll(/\]\(\s*<([^>]*)>/g)].map((m) => m[1]), // [text](<target>)
      ...[...line.matchAll(/\]\(\s*([^)<\s]+)/g)].map((m) => m[1]), // [text](target "title")
      ...[...line.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?([^>\s]+)/g)].map((m) => m[1]), // [ref]: target
    ];
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, ...
      checked++;
      const where = `${relative(root, file)}:${i + 1}`;
      const [path, anchor] = target.split('#', 2);
      const destination = path === '' ? file : resolve(dirname(file), decodeURIComponent(path.split('?')[0]));
      if (!existsSync(destination)) {
        problems.push(`${where}: ${target}: no such file or folder`);
      } else if (anchor !== undefined && statSync(destination).isFile() && destination.endsWith('.md')
          && !anchors(destination).has(decodeURIComponent(anchor))) {
        problems.push(`${where}: ${target}: ${relative(root, destination)} has no heading with the anchor #${anchor}`);
      }
    }
  });
}

if (problems.length > 0) {
  console.error(`Broken links in README.md and docs/:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`docs links: ${checked} relative links in ${files.length} files, all found`);
