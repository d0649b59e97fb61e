import type { SearchResult } from "../read/search-memories.js";
import type { RetrievedItem } from "./result-line.js";

const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Formats an ISO instant as a day, month name and year in UTC (session dates are stored as UTC instants);
 * `undefined` for a missing or unreadable value.
 *
 * @example
 * formatDayMonthYear("2023-05-08T13:56:00.000Z"); // "8 May 2023"
 */
export function formatDayMonthYear(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/**
 * The text an LLM reader is given for one recalled memory: its date in brackets, the speaker when known,
 * then the memory.
 *
 * @example
 * formatRetrievedText({ memory: "I went to the support group.", validFrom: "2023-05-08T13:56:00Z", speaker: "Caroline" });
 * // "[8 May 2023] Caroline: I went to the support group."
 */
export function formatRetrievedText(options: {
  memory: string;
  validFrom?: string;
  speaker?: string;
  eventStart?: string;
  eventEnd?: string;
}): string {
  const date = formatDayMonthYear(options.validFrom);
  const speaker = options.speaker === undefined || options.speaker === "" ? "" : `${options.speaker}: `;
  const event = formatEventDate(options);
  return `${date === undefined ? "" : `[${date}] `}${speaker}${options.memory}${event === undefined ? "" : ` (${event})`}`;
}

/**
 * The resolved date a memory talks about, when it differs from the day it was said: "on 7 May 2023",
 * "in the week of 1 May 2023", "in April 2023" or "in 2022".
 *
 * @example
 * formatEventDate({ validFrom: "2023-05-08T13:56:00Z", eventStart: "2023-05-07T00:00:00Z", eventEnd: "2023-05-08T00:00:00Z" }); // "on 7 May 2023"
 */
export function formatEventDate(options: { validFrom?: string; eventStart?: string; eventEnd?: string }): string | undefined {
  if (options.eventStart === undefined) return undefined;
  const start = new Date(options.eventStart);
  if (Number.isNaN(start.getTime())) return undefined;
  const end = options.eventEnd === undefined ? new Date(start.getTime() + 86_400_000) : new Date(options.eventEnd);
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  const said = options.validFrom === undefined ? undefined : new Date(options.validFrom);
  if (days <= 1.01) {
    if (said !== undefined && said.toISOString().slice(0, 10) === start.toISOString().slice(0, 10)) return undefined;
    return `on ${formatDayMonthYear(start.toISOString())}`;
  }
  if (days <= 7.01) return `in the week of ${formatDayMonthYear(start.toISOString())}`;
  if (days <= 31.01) return `in ${monthNames[start.getUTCMonth()]} ${start.getUTCFullYear()}`;
  return `in ${start.getUTCFullYear()}`;
}

/**
 * Converts a search result into a results-file item: the memory id, the reader's text and the dataset turn
 * ids it was derived from. (Search results do not carry the speaker yet, so the text has date and memory.)
 *
 * @example
 * toRetrievedItem(result); // { id: "0b5…", text: "[8 May 2023] I went to the support group.", sources: ["D1:3"] }
 */
export function toRetrievedItem(result: SearchResult): RetrievedItem {
  return {
    id: result.id,
    text: formatRetrievedText({
      memory: result.memory,
      ...(result.validFrom === undefined ? {} : { validFrom: result.validFrom }),
      ...(result.eventStart === undefined ? {} : { eventStart: result.eventStart }),
      ...(result.eventEnd === undefined ? {} : { eventEnd: result.eventEnd }),
    }),
    sources: [...result.sources],
  };
}
