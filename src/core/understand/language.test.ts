import { describe, expect, it } from "vitest";
import { CHINESE_SHARE_THRESHOLD, countScripts, detectLanguage } from "./language.js";

describe("detectLanguage", () => {
  it("detects English", () => {
    expect(detectLanguage("I moved to Lisbon last month")).toBe("en");
    expect(detectLanguage("Café au lait, s'il vous plaît")).toBe("en");
  });

  it("detects Chinese, simplified and traditional", () => {
    expect(detectLanguage("我上个月搬到了里斯本")).toBe("zh");
    expect(detectLanguage("我上個月搬到了里斯本")).toBe("zh");
  });

  it("treats Chinese with embedded English words as Chinese", () => {
    expect(detectLanguage("帮我看看这个 React 组件的 useEffect 为什么不触发")).toBe("zh");
    expect(detectLanguage("我用了 ChatGPT 和 TypeScript 写代码")).toBe("zh");
  });

  it("treats English that mentions a Chinese name as English", () => {
    expect(detectLanguage("My friend 王小明 lives in Shanghai with his family")).toBe("en");
  });

  it("returns other for text without letters, Japanese, and other scripts", () => {
    expect(detectLanguage("")).toBe("other");
    expect(detectLanguage("12:30 👍 !!!")).toBe("other");
    expect(detectLanguage("日本語の文章です")).toBe("other");
    expect(detectLanguage("Привет, как дела?")).toBe("other");
    expect(detectLanguage("안녕하세요")).toBe("other");
  });

  it("uses the documented threshold", () => {
    expect(CHINESE_SHARE_THRESHOLD).toBe(0.25);
    // 1 Han character, 3 Latin letters: exactly 25 %.
    expect(detectLanguage("abc 中")).toBe("zh");
    // 1 Han character, 4 Latin letters: 20 %.
    expect(detectLanguage("abcd 中")).toBe("en");
  });
});

describe("countScripts", () => {
  it("counts Han, Latin, kana and other letters", () => {
    expect(countScripts("我用 React")).toEqual({ han: 2, latin: 5, kana: 0, otherLetters: 0 });
    expect(countScripts("のです")).toEqual({ han: 0, latin: 0, kana: 3, otherLetters: 0 });
    expect(countScripts("Да")).toEqual({ han: 0, latin: 0, kana: 0, otherLetters: 2 });
  });

  it("counts supplementary-plane Han characters once", () => {
    expect(countScripts("𠀀").han).toBe(1);
  });
});
