import { wordTable } from "../text/word-table.js";

/**
 * Common allergens, foods and drugs in English (singular, lower case) and Chinese, so an aversion stated in one
 * language meets a proposal in the other: the consulting agent writes 用户对花生过敏 and the after-sales agent
 * recommends "peanut cookies". General vocabulary only. A Chinese word matches as a substring ("虾" in "虾饺").
 */
const pairs: ReadonlyArray<readonly [english: string, chinese: readonly string[]]> = [
  ["peanut", ["花生"]],
  ["nut", ["坚果"]],
  ["walnut", ["核桃"]],
  ["almond", ["杏仁"]],
  ["cashew", ["腰果"]],
  ["hazelnut", ["榛子"]],
  ["pistachio", ["开心果"]],
  ["shellfish", ["贝类", "甲壳类"]],
  ["shrimp", ["虾"]],
  ["prawn", ["虾"]],
  ["crab", ["螃蟹", "蟹"]],
  ["lobster", ["龙虾"]],
  ["seafood", ["海鲜"]],
  ["fish", ["鱼"]],
  ["milk", ["牛奶"]],
  ["dairy", ["乳制品", "奶制品"]],
  ["lactose", ["乳糖"]],
  ["cheese", ["奶酪", "芝士"]],
  ["egg", ["鸡蛋"]],
  ["wheat", ["小麦"]],
  ["gluten", ["麸质", "面筋"]],
  ["soy", ["大豆", "黄豆"]],
  ["sesame", ["芝麻"]],
  ["mango", ["芒果"]],
  ["strawberry", ["草莓"]],
  ["kiwi", ["猕猴桃"]],
  ["pineapple", ["菠萝"]],
  ["chocolate", ["巧克力"]],
  ["coffee", ["咖啡"]],
  ["alcohol", ["酒精"]],
  ["pork", ["猪肉"]],
  ["beef", ["牛肉"]],
  ["lamb", ["羊肉"]],
  ["penicillin", ["青霉素"]],
  ["aspirin", ["阿司匹林"]],
  ["ibuprofen", ["布洛芬"]],
  ["latex", ["乳胶"]],
  ["pollen", ["花粉"]],
  ["garlic", ["大蒜"]],
  ["onion", ["洋葱"]],
  ["cilantro", ["香菜"]],
  ["coriander", ["香菜"]],
  ["mushroom", ["蘑菇"]],
];

const chineseOf = wordTable(Object.fromEntries(pairs));
const englishOf: Record<string, string[]> = {};
for (const [english, chinese] of pairs) {
  for (const word of chinese) englishOf[word] = [...(englishOf[word] ?? []), english];
}
const englishOfTable = wordTable(englishOf);

/**
 * The same thing in the other language: Chinese words for an English stem ("peanut" → ["花生"]), English
 * stems for a Chinese word ("花生" → ["peanut"]); none when the table does not know it.
 *
 * @example
 * otherLanguageTerms("peanut"); // ["花生"]
 * otherLanguageTerms("虾");     // ["shrimp", "prawn"]
 */
export function otherLanguageTerms(term: string): readonly string[] {
  return chineseOf[term.toLowerCase()] ?? englishOfTable[term] ?? [];
}
