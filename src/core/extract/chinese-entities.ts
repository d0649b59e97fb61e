import type { TaggedWord } from "../../ports/segmenter.js";
import type { EntityType } from "../domain/graph.js";
import { wordTable } from "../text/word-table.js";
import type { ExtractedEntity } from "./extracted-entity.js";

export const chineseFamilyRoles = [
  "妹妹",
  "姐姐",
  "哥哥",
  "弟弟",
  "妈妈",
  "母亲",
  "爸爸",
  "父亲",
  "老公",
  "老婆",
  "丈夫",
  "妻子",
  "儿子",
  "女儿",
  "爷爷",
  "奶奶",
  "外公",
  "外婆",
  "表妹",
  "表姐",
  "表哥",
  "表弟",
  "男朋友",
  "女朋友",
  "未婚夫",
  "未婚妻",
];
export const chineseSocialRoles = ["朋友", "好朋友", "同事", "老板", "领导", "邻居", "室友", "同学", "老师", "医生", "教练"];
const petKinds = ["狗", "小狗", "猫", "小猫", "猫咪", "兔子", "鹦鹉", "仓鼠", "乌龟", "鱼"];

const tagTypes: Readonly<Record<string, EntityType>> = wordTable({
  nr: "person",
  nrfg: "person",
  nrt: "person",
  ns: "place",
  nt: "organization",
  nz: "other",
});
const placeSuffix = /(?:市|省|县|区|镇|村|州|国|岛|山|湖|河|公园|广场|大学|医院|机场|车站)$/u;
const organizationSuffix = /(?:公司|集团|银行|大学|学院|学校|医院|研究所|工作室|协会|俱乐部|中心)$/u;

/**
 * Finds entities in Chinese text from part-of-speech tags (jieba: nr person, ns place, nt organisation) and
 * cue patterns: 我妹妹安娜 (a person with a role), 我的狗叫豆豆 (a pet), 在阿里巴巴工作 (an organisation),
 * 住在/搬到 + place.
 *
 * @example
 * extractChineseEntities({ text: "我妹妹安娜住在杭州", tagged }); // [{ name: "安娜", type: "person", aliases: ["妹妹"] }, { name: "杭州", type: "place" }]
 */
export function extractChineseEntities(options: { text: string; tagged: readonly TaggedWord[] }): ExtractedEntity[] {
  const found = new Map<string, ExtractedEntity>();
  const add = (entity: ExtractedEntity) => {
    const existing = found.get(entity.name);
    if (existing === undefined) found.set(entity.name, entity);
    else {
      existing.aliases = [...new Set([...existing.aliases, ...entity.aliases])];
      if (existing.type === "other" || (existing.type === "person" && entity.type !== "person" && entity.type !== "other"))
        existing.type = entity.type;
      if (entity.category !== undefined) existing.category = entity.category;
    }
  };
  const { text } = options;
  const roles = [...chineseFamilyRoles, ...chineseSocialRoles].sort((left, right) => right.length - left.length).join("|");
  for (const match of text.matchAll(
    new RegExp(`(?:我|他|她|我们)的?(${roles})([\\u4e00-\\u9fa5]{2,3}?)(?=[，。！？、\\s和跟与也都在是去住说]|$)`, "gu"),
  )) {
    const role = match[1];
    const name = match[2];
    if (role !== undefined && name !== undefined) {
      add({ name, type: "person", aliases: [role], category: chineseFamilyRoles.includes(role) ? "family" : "social" });
    }
  }
  for (const match of text.matchAll(
    new RegExp(`(?:我|他|她)的?(${petKinds.join("|")})(?:叫|名叫|名字叫)([\\u4e00-\\u9fa5A-Za-z]{1,4}?)(?=[，。！？\\s]|$)`, "gu"),
  )) {
    if (match[2] !== undefined) add({ name: match[2], type: "pet", aliases: [match[1] ?? ""], category: match[1] ?? "pet" });
  }
  for (const match of text.matchAll(/在([\u4e00-\u9fa5A-Za-z]{2,10}?)(?:工作|上班|实习)/gu)) {
    if (match[1] !== undefined) add({ name: match[1], type: "organization", aliases: [] });
  }
  for (const match of text.matchAll(
    /(?:住在|搬到了?|搬去了?|来自|去了|到了)([\u4e00-\u9fa5]{2,5}?)(?=[，。！？、\s]|徒步|旅游|旅行|玩|度假|出差|工作|上学|$)/gu,
  )) {
    const name = match[1];
    if (name !== undefined && !/^(?:一|这|那|哪|很|家|那里|这里)/u.test(name)) add({ name, type: "place", aliases: [] });
  }
  const tagged = options.tagged;
  for (let index = 0; index < tagged.length; index += 1) {
    const entry = tagged[index];
    if (entry === undefined) continue;
    let type = tagTypes[entry.tag];
    let name = entry.word;
    // jieba sometimes splits a transliterated name (辛 + 特拉): join adjacent name-tagged pieces.
    while (
      type !== undefined &&
      index + 1 < tagged.length &&
      tagTypes[tagged[index + 1]?.tag ?? ""] !== undefined &&
      (tagged[index + 1]?.word.length ?? 0) <= 2
    ) {
      name += tagged[index + 1]?.word ?? "";
      index += 1;
    }
    if (type === undefined || name.length < 2 || !/\p{Script=Han}/u.test(name)) continue;
    if (organizationSuffix.test(name)) type = "organization";
    else if (placeSuffix.test(name)) type = "place";
    add({ name, type, aliases: [] });
  }
  return [...found.values()];
}
