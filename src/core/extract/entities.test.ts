import { describe, expect, it } from "vitest";
import { extractChineseEntities } from "./chinese-entities.js";
import { extractEnglishEntities } from "./english-entities.js";

const pick = (entities: Array<{ name: string; type: string; aliases: string[] }>) =>
  entities.map((entity) => [entity.name, entity.type, entity.aliases.join("|")]);

describe("extractEnglishEntities", () => {
  it("finds people with roles, places, organisations, pets and activities", () => {
    expect(pick(extractEnglishEntities("My sister Anna moved to Porto and started painting."))).toEqual([
      ["Anna", "person", "sister"],
      ["Porto", "place", ""],
      ["painting", "activity", ""],
    ]);
    expect(pick(extractEnglishEntities("I got a job at Acme Labs, and my dog Pixel loves the office."))).toEqual([
      ["Acme Labs", "organization", ""],
      ["Pixel", "pet", "dog"],
    ]);
  });

  it("types common pastimes named anywhere as activities, multi-word ones whole", () => {
    expect(pick(extractEnglishEntities("I just signed up for a pottery class and bought new board games."))).toEqual([
      ["pottery", "activity", ""],
      ["board games", "activity", ""],
    ]);
    // Only whole words: "drumstick" is not "drums", "Stargazer" is no pastime.
    expect(pick(extractEnglishEntities("We ate a drumstick at the stargazer cafe."))).toEqual([]);
  });

  it("types a quoted title, or one after 'a book called', as a work (product)", () => {
    expect(pick(extractEnglishEntities("I'm really into this book called \"Sapiens\" - it's fascinating."))).toEqual([
      ["Sapiens", "product", ""],
    ]);
    expect(extractEnglishEntities("My favorite is the movie called Eternal Sunshine of the Spotless Mind.")[0]).toMatchObject({
      name: "Eternal Sunshine of the Spotless Mind",
      type: "product",
    });
    // Quoted speech is no title.
    expect(extractEnglishEntities('He told me "You can do it, I believe in you!" yesterday')).toEqual([]);
    expect(extractEnglishEntities('She just said "Keep going!" and left')).toEqual([]);
  });

  it("skips sentence-initial interjections and pronouns, types dates", () => {
    expect(pick(extractEnglishEntities("Hey Mel! Wow, that sounds great. I went to Lisbon on Saturday."))).toEqual([
      ["Mel", "person", ""],
      ["Lisbon", "place", ""],
      ["Saturday", "date", ""],
    ]);
  });
});

describe("extractChineseEntities", () => {
  it("uses cue patterns and part-of-speech tags", () => {
    const tagged = [
      { word: "我", tag: "r" },
      { word: "妹妹", tag: "n" },
      { word: "安娜", tag: "nr" },
      { word: "住", tag: "v" },
      { word: "在", tag: "p" },
      { word: "杭州", tag: "ns" },
      { word: "，", tag: "x" },
      { word: "在", tag: "p" },
      { word: "阿里巴巴", tag: "nrt" },
      { word: "工作", tag: "vn" },
    ];
    const entities = extractChineseEntities({ text: "我妹妹安娜住在杭州，在阿里巴巴工作", tagged });
    expect(pick(entities)).toEqual([
      ["安娜", "person", "妹妹"],
      ["阿里巴巴", "organization", ""],
      ["杭州", "place", ""],
    ]);
  });

  it("finds pets by name", () => {
    expect(pick(extractChineseEntities({ text: "我的狗叫豆豆。", tagged: [] }))).toEqual([["豆豆", "pet", "狗"]]);
  });
});
