/**
 * Splits text into words. Chinese has no spaces, so keyword indexing needs a real segmenter (jieba),
 * with `Intl.Segmenter` as the fallback.
 *
 * @example
 * segmenter.segment("我喜欢喝咖啡"); // ["我", "喜欢", "喝", "咖啡"]
 */
export interface Segmenter {
  readonly name: string;
  segment(text: string): string[];
}
