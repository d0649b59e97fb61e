/** A word with its part-of-speech tag (jieba's tag set: nr person, ns place, nt organisation, n noun, v verb, x other). */
export interface TaggedWord {
  word: string;
  tag: string;
}

/**
 * Splits text into words and tags them. Chinese has no spaces, so keyword indexing needs a real segmenter
 * (jieba), with `Intl.Segmenter` as the fallback (which tags every word "x").
 *
 * @example
 * segmenter.segment("我喜欢喝咖啡"); // ["我", "喜欢", "喝", "咖啡"]
 * segmenter.tag("住在杭州"); // [{ word: "住", tag: "v" }, { word: "在", tag: "p" }, { word: "杭州", tag: "ns" }]
 */
export interface Segmenter {
  readonly name: string;
  /** Does `tag` give real part-of-speech tags (true for jieba)? */
  readonly tagsPartOfSpeech: boolean;
  segment(text: string): string[];
  tag(text: string): TaggedWord[];
}
