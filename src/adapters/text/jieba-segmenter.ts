import { createIntlSegmenter } from "../../core/text/intl-segmenter.js";
import type { Segmenter } from "../../ports/segmenter.js";

const hanPattern = /\p{Script=Han}/u;
const latinWords = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * A segmenter that cuts Chinese with jieba (`@node-rs/jieba`, dictionary shipped in the npm package) and
 * everything else with a fast word pattern. Falls back to `Intl.Segmenter` when jieba cannot load.
 *
 * @example
 * const segmenter = await createJiebaSegmenter();
 * segmenter.segment("我上个月搬到了里斯本"); // ["我", "上个月", "搬", "到", "了", "里斯本"]
 */
export async function createJiebaSegmenter(): Promise<Segmenter> {
  let cut: ((text: string) => string[]) | undefined;
  try {
    const { Jieba } = await import("@node-rs/jieba");
    const { dict } = await import("@node-rs/jieba/dict.js");
    const jieba = Jieba.withDict(dict);
    cut = (text) => jieba.cut(text, false);
  } catch {
    cut = undefined;
  }
  const fallback = createIntlSegmenter();
  const chineseCut = cut ?? ((text: string) => fallback.segment(text));
  return {
    name: cut === undefined ? "intl" : "jieba",
    segment(text) {
      if (!hanPattern.test(text)) return text.match(latinWords) ?? [];
      return chineseCut(text).filter((word) => word.trim() !== "");
    },
  };
}
