import { createIntlSegmenter } from "../../core/text/intl-segmenter.js";
import type { Segmenter, TaggedWord } from "../../ports/segmenter.js";

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
  let jieba: { cut(text: string, hmm?: boolean): string[]; tag(text: string, hmm?: boolean): TaggedWord[] } | undefined;
  try {
    const { Jieba } = await import("@node-rs/jieba");
    const { dict } = await import("@node-rs/jieba/dict.js");
    jieba = Jieba.withDict(dict);
  } catch {
    jieba = undefined;
  }
  if (jieba === undefined) return createIntlSegmenter();
  const loaded = jieba;
  return {
    name: "jieba",
    tagsPartOfSpeech: true,
    segment(text) {
      if (!hanPattern.test(text)) return text.match(latinWords) ?? [];
      return loaded.cut(text, false).filter((word) => word.trim() !== "");
    },
    tag(text) {
      return loaded.tag(text, true).filter((entry) => entry.word.trim() !== "");
    },
  };
}
