// Dolos similarity for every file pair (one file under DIR_A, one under DIR_B), as JSON.
//
//   node dolos_pairs.mjs --modules NODE_PREFIX [--language javascript] DIR_A DIR_B
//
// NODE_PREFIX is the `npm install --prefix` folder holding @dodona/dolos-lib. Without
// --language, Dolos detects one language and ignores files of any other (it says so in
// `warnings`). Prints {"language", "warnings", "files": {"a", "b"}, "pairs": [{"a", "b",
// "similarity", "overlap", "longest"}], "seconds"}; paths are relative to their directory.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

function parseArgs(argv) {
  const options = { modules: null, language: null, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--modules") options.modules = argv[++i];
    else if (argv[i] === "--language") options.language = argv[++i];
    else options.dirs.push(argv[i]);
  }
  if (!options.modules || options.dirs.length !== 2) {
    console.error("usage: dolos_pairs.mjs --modules NODE_PREFIX [--language L] DIR_A DIR_B");
    process.exit(2);
  }
  return options;
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

const options = parseArgs(process.argv.slice(2));
const entry = join(options.modules, "node_modules", "@dodona", "dolos-lib", "dist", "index.js");
const { Dolos } = await import(pathToFileURL(entry).href);

const [dirA, dirB] = options.dirs;
const filesA = listFiles(dirA);
const filesB = listFiles(dirB);
const sideOf = new Map();
for (const f of filesA) sideOf.set(f, ["a", relative(dirA, f)]);
for (const f of filesB) sideOf.set(f, ["b", relative(dirB, f)]);

const started = process.hrtime.bigint();
const dolos = new Dolos(options.language ? { language: options.language } : {});
const report = await dolos.analyzePaths([...filesA, ...filesB]);
const pairs = [];
for (const pair of report.allPairs()) {
  const left = sideOf.get(pair.leftFile.path);
  const right = sideOf.get(pair.rightFile.path);
  if (!left || !right || left[0] === right[0]) continue;
  const [a, b] = left[0] === "a" ? [left[1], right[1]] : [right[1], left[1]];
  pairs.push({ a, b, similarity: pair.similarity, overlap: pair.overlap, longest: pair.longest });
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const analysed = report.files.map((f) => sideOf.get(f.path)?.[0]);
console.log(JSON.stringify({
  language: report.language ? report.language.name : null,
  warnings: report.warnings,
  files: {
    a: analysed.filter((s) => s === "a").length,
    b: analysed.filter((s) => s === "b").length,
  },
  pairs,
  seconds,
}));
