import type { Segmenter } from "../../ports/segmenter.js";

/**
 * A segmenter built on the platform's `Intl.Segmenter` (ICU word breaks). Always available; jieba is better for
 * Chinese and is preferred when installed.
 *
 * @example
 * createIntlSegmenter().segment("I like tea"); // ["I", "like", "tea"]
 */
export function createIntlSegmenter(): Segmenter {
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  const segment = (text: string): string[] => {
    const words: string[] = [];
    for (const part of segmenter.segment(text)) {
      if (part.isWordLike) words.push(part.segment);
    }
    return words;
  };
  return {
    name: "intl",
    tagsPartOfSpeech: false,
    segment,
    tag: (text) => segment(text).map((word) => ({ word, tag: "x" })),
  };
}
