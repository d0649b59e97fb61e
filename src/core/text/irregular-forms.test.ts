import { describe, expect, it } from "vitest";
import { expandQueryTerms } from "../read/query-expansion.js";
import { irregularForms } from "./irregular-forms.js";

describe("irregularForms", () => {
  it("relates the forms of irregular verbs and nouns, and nothing else", () => {
    expect(irregularForms("chose")).toEqual(["choose", "chosen"]);
    expect(irregularForms("buy")).toEqual(["bought"]);
    expect(irregularForms("children")).toEqual(["child"]);
    expect(irregularForms("walked")).toEqual([]);
  });

  it("feeds the query expansion, so a question in one tense finds a statement in another", () => {
    expect(expandQueryTerms(["choose", "agency"])).toEqual(expect.arrayContaining(["chose", "chosen"]));
    expect(expandQueryTerms(["went"])).toEqual(expect.arrayContaining(["go", "gone"]));
    expect(expandQueryTerms(["choose", "chose"])).not.toContain("chose");
  });
});
