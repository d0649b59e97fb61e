import { describe, expect, it } from "vitest";
import { findEventAnchor } from "./event-anchor.js";

describe("findEventAnchor", () => {
  it("finds an event named after before, after or since", () => {
    expect(findEventAnchor("What did Anna buy before the wedding?")).toEqual({
      relation: "before",
      event: "wedding",
      text: "before the wedding",
    });
    expect(findEventAnchor("How did she feel after my surgery")).toEqual({
      relation: "after",
      event: "my surgery",
      text: "after my surgery",
    });
    expect(findEventAnchor("Where has he lived since the move to Porto?")).toEqual({
      relation: "after",
      event: "move",
      text: "since the move",
    });
    expect(findEventAnchor("What happened after the charity race?")?.event).toBe("charity race");
    expect(findEventAnchor("婚礼之前我买了什么？")).toEqual({ relation: "before", event: "婚礼", text: "婚礼之前" });
    expect(findEventAnchor("我在搬家以后认识了谁")).toEqual({ relation: "after", event: "搬家", text: "搬家以后" });
  });

  it("leaves dates, pronouns, routines and plain 'before' to others", () => {
    expect(findEventAnchor("What did I do before May 2023?")).toBeUndefined();
    expect(findEventAnchor("What did we eat after lunch?")).toBeUndefined();
    expect(findEventAnchor("Did she go home after swimming?")).toBeUndefined();
    expect(findEventAnchor("What happened after that?")).toBeUndefined();
    expect(findEventAnchor("Have you been to Lisbon before?")).toBeUndefined();
    expect(findEventAnchor("Since when has he played chess?")).toBeUndefined();
    expect(findEventAnchor("昨天之前的事")).toBeUndefined();
  });

  it("keeps whole words", () => {
    expect(findEventAnchor("What did they see after the island tour?")?.event).toBe("island tour");
    expect(findEventAnchor("Who called before the android update and the reboot?")?.event).toBe("android update");
  });
});
