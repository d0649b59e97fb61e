import { describe, expect, it } from "vitest";
import type { SearchResult } from "../read/search-memories.js";
import { formatDayMonthYear, formatEventDate, formatRetrievedText, toRetrievedItem } from "./retrieved-text.js";

describe("retrieved text", () => {
  it("formats dates as day, month name and year in UTC", () => {
    expect(formatDayMonthYear("2023-05-08T23:30:00.000Z")).toBe("8 May 2023");
    expect(formatDayMonthYear("2024-01-02")).toBe("2 January 2024");
    expect(formatDayMonthYear("not a date")).toBeUndefined();
    expect(formatDayMonthYear(undefined)).toBeUndefined();
  });

  it("prefixes the memory with its date and the speaker when known", () => {
    expect(formatRetrievedText({ memory: "I went.", validFrom: "2023-05-08T13:56:00Z", speaker: "Caroline" })).toBe(
      "[8 May 2023] Caroline: I went.",
    );
    expect(formatRetrievedText({ memory: "I went.", validFrom: "2023-05-08T13:56:00Z" })).toBe("[8 May 2023] I went.");
    expect(formatRetrievedText({ memory: "I went." })).toBe("I went.");
  });

  it("turns a search result into a results-file item with its sources", () => {
    const result = {
      id: "m1",
      type: "memory",
      memory: "I went to the support group yesterday.",
      score: 0.1,
      kind: "event",
      status: "active",
      sources: ["D1:3"],
      sourceEpisodeIds: ["e1"],
      speakers: ["Caroline"],
      createdAt: "2025-01-01T00:00:00.000Z",
      validFrom: "2023-05-08T13:56:00.000Z",
      metadata: {},
      why: [],
    } as SearchResult;
    expect(toRetrievedItem(result)).toEqual({ id: "m1", text: "[8 May 2023] I went to the support group yesterday.", sources: ["D1:3"] });
  });
});

describe("formatEventDate", () => {
  it("names the resolved date when it differs from the day it was said", () => {
    const said = "2023-05-08T13:56:00.000Z";
    expect(formatEventDate({ validFrom: said, eventStart: "2023-05-07T00:00:00.000Z", eventEnd: "2023-05-08T00:00:00.000Z" })).toBe(
      "on 7 May 2023",
    );
    expect(
      formatEventDate({ validFrom: said, eventStart: "2023-05-08T00:00:00.000Z", eventEnd: "2023-05-09T00:00:00.000Z" }),
    ).toBeUndefined();
    expect(formatEventDate({ validFrom: said, eventStart: "2023-04-01T00:00:00.000Z", eventEnd: "2023-05-01T00:00:00.000Z" })).toBe(
      "in April 2023",
    );
    expect(formatEventDate({ validFrom: said, eventStart: "2022-01-01T00:00:00.000Z", eventEnd: "2023-01-01T00:00:00.000Z" })).toBe(
      "in 2022",
    );
    expect(formatRetrievedText({ memory: "Mel ran a charity race.", validFrom: said, eventStart: "2023-05-07T00:00:00.000Z" })).toBe(
      "[8 May 2023] Mel ran a charity race. (on 7 May 2023)",
    );
  });
});
