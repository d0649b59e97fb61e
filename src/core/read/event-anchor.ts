/** A time named by an event instead of a date: "before the wedding", "after my surgery", 婚礼之前. */
export interface EventAnchor {
  relation: "before" | "after";
  /** The words naming the event ("wedding", "my surgery", "婚礼"). */
  event: string;
  /** The whole expression, for explanations ("before the wedding"). */
  text: string;
}

const englishAnchor =
  /\b(before|prior to|until|till|after|since|following)\s+((?:the|my|his|her|their|our|your|a|an)\s+)?((?:[\p{L}'’-]+(?![\p{L}'’-])\s*){1,4}?)(?=[?.!,;]|\s*(?:and|or|but|when|while|did|does|do|was|were|is|are|has|have|had|with|at|in|on|for|to)\b|$)/iu;
/** Words after "before"/"after" that name a time or point back, never an event (dates are chrono's). */
const notEvents =
  /^(?:\d|today|tonight|yesterday|tomorrow|noon|midnight|morning|afternoon|evening|night|dawn|dusk|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|last|next|this|that|these|those|then|now|ever|once|it|him|them|you|me|us|i|we|he|she|they|when|what|where|who|how|which|long|years?|months?|weeks?|days?|hours?)\b/iu;
/** Without "the"/"my", a routine or an activity ("after work", "before swimming") is no one event. */
const routines = /^(?:work|school|class|lunch|dinner|breakfast|bed|church|practice|\p{L}+ing)\b/iu;
const chineseMarker = /(之前|以前|前夕|之后|以后)/u;
const chineseNotEvents =
  /^(?:今天|昨天|明天|前天|后天|上午|下午|晚上|早上|中午|去年|今年|明年|上个|下个|这个|那个|很久|不久|[〇零一二三四五六七八九十百两几\d])/u;

/**
 * Finds a time expression anchored on an event rather than a date ("before the wedding", "after my surgery",
 * "since the move", 婚礼之前). The caller resolves the event against the scope's dated memories. A date after
 * "before" ("before May 2023") or an activity ("after swimming") is not an event anchor.
 *
 * @example
 * findEventAnchor("What did Anna buy before the wedding?"); // { relation: "before", event: "wedding", text: "before the wedding" }
 */
export function findEventAnchor(text: string): EventAnchor | undefined {
  const english = englishAnchor.exec(text);
  if (english !== null) {
    const [, word = "", determiner = "", phrase = ""] = english;
    const event = phrase.trim();
    const named = determiner.trim().toLowerCase();
    if (event !== "" && !notEvents.test(event) && (named !== "" || !routines.test(event))) {
      return {
        relation: /^(?:before|prior to|until|till)$/iu.test(word) ? "before" : "after",
        event: named === "" || named === "the" || named === "a" || named === "an" ? event : `${named} ${event}`,
        text: `${word} ${determiner}${event}`.trim(),
      };
    }
  }
  const marker = chineseMarker.exec(text);
  if (marker !== null) {
    // The event is the Chinese words right before the marker, after the last 在 ("我在婚礼之前" → 婚礼).
    const before = /(?<!\p{Script=Han})\p{Script=Han}+$/u.exec(text.slice(0, marker.index))?.[0] ?? "";
    const event = (before.split("在").at(-1) ?? "").slice(-6);
    if (event.length >= 2 && !chineseNotEvents.test(event)) {
      return { relation: /之前|以前|前夕/u.test(marker[1] ?? "") ? "before" : "after", event, text: `${event}${marker[1] ?? ""}` };
    }
  }
  return undefined;
}
