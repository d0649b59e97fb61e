import type { EntityType } from "../domain/graph.js";
import type { ExtractedEntity } from "./extracted-entity.js";

export const familyRoles = [
  "sister",
  "brother",
  "mom",
  "mother",
  "dad",
  "father",
  "wife",
  "husband",
  "partner",
  "son",
  "daughter",
  "kid",
  "kids",
  "child",
  "children",
  "cousin",
  "aunt",
  "uncle",
  "grandma",
  "grandmother",
  "grandpa",
  "grandfather",
  "niece",
  "nephew",
  "fiancé",
  "fiancée",
  "fiance",
  "fiancee",
  "boyfriend",
  "girlfriend",
  "parents",
];
export const socialRoles = [
  "friend",
  "best friend",
  "boss",
  "colleague",
  "coworker",
  "co-worker",
  "neighbor",
  "neighbour",
  "roommate",
  "mentor",
  "teacher",
  "coach",
  "classmate",
  "therapist",
  "doctor",
];
export const petKinds = [
  "dog",
  "cat",
  "puppy",
  "kitten",
  "pet",
  "hamster",
  "parrot",
  "horse",
  "rabbit",
  "bunny",
  "turtle",
  "fish",
  "bird",
  "snake",
  "guinea pig",
];

const organizationSuffixes =
  /\s(?:Inc|Corp|Corporation|LLC|Ltd|Company|Co|University|College|School|Academy|Hospital|Clinic|Bank|Studio|Studios|Group|Foundation|Club|Institute|Agency|Association|Society|Labs?|Technologies|Systems)\.?$/;
const placeSuffixes =
  /\s(?:City|Park|Beach|Lake|River|Mountains?|Island|Street|Avenue|Square|Museum|Bay|Valley|Falls|Canyon|Forest|County|State)$/;
const places = new Set(
  `Afghanistan Argentina Australia Austria Belgium Brazil Canada Chile China Colombia Croatia Cuba Denmark Egypt England Finland France
Germany Greece Hungary Iceland India Indonesia Iran Ireland Israel Italy Jamaica Japan Kenya Korea Mexico Morocco Nepal Netherlands
Norway Peru Philippines Poland Portugal Russia Scotland Singapore Spain Sweden Switzerland Thailand Turkey Ukraine Vietnam Wales
Africa Asia Europe America Amsterdam Athens Bangkok Barcelona Beijing Berlin Boston Brussels Budapest Cairo Chicago Copenhagen Dublin
Edinburgh Florence Hawaii Hong Kong Istanbul Kyoto Lisbon London Madrid Melbourne Miami Milan Montreal Moscow Mumbai Munich Nairobi
Naples Oslo Paris Porto Prague Rome Seattle Seoul Shanghai Sydney Taipei Tokyo Toronto Vancouver Venice Vienna Warsaw Zurich Texas
California Florida Alaska Colorado Oregon Nevada Arizona Utah Vermont Maine Ohio Georgia Virginia Carolina Yellowstone`.split(/\s+/),
);
const dateWords = new Set(
  "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Christmas Easter Halloween Thanksgiving".split(
    " ",
  ),
);
const notEntities = new Set(
  `I I'm I've I'll I'd Hi Hey Hello Yes Yeah No Nope Oh Wow Thanks Thank Congrats Congratulations Sure Well So Ok Okay Haha Lol
Good Great Nice Awesome Cool Amazing Sounds Glad Sorry Please Hope Let Just Also And But Or Yet Still Maybe Totally Absolutely
Definitely Really Honestly Anyway Btw The A An This That These Those It Its There Here What When Where Why How Who Which Whose
My Your Our Their His Her We You They He She Me Us Them Mr Mrs Ms Dr Omg Aww Ah Hmm Yay Bye Love Take Keep Have Had Do Did Can
Could Would Should Will Wanna Gonna Thats Im Ive Dont Didnt Cant Wont Not Never Always Sometimes Today Tomorrow Yesterday Tonight`.split(
    /\s+/,
  ),
);
const subjectVerbs = new Set(
  "is was has had and said says called told asked loves likes went came got made just also will would can could did does posted sent wants thinks knows lives works bought gave took".split(
    " ",
  ),
);
/**
 * Common pastimes, sports, crafts and instruments: named anywhere in a statement ("a pottery class", "my guitar
 * lessons"), they are activities even without "love …ing". General vocabulary, not any one conversation's.
 */
const knownActivities = new RegExp(
  `\\b(${
    "running|jogging|swimming|cycling|biking|hiking|trekking|climbing|bouldering|skiing|snowboarding|" +
    "surfing|skating|skateboarding|kayaking|canoeing|rowing|sailing|fishing|camping|yoga|pilates|tennis|" +
    "football|soccer|basketball|baseball|volleyball|golf|boxing|karate|judo|martial arts|dancing|ballet|" +
    "salsa|weightlifting|marathons?|triathlons?|horse riding|horseback riding|archery|bowling|badminton|" +
    "cricket|rugby|hockey|painting|drawing|sketching|pottery|ceramics|sculpting|knitting|crocheting|" +
    "sewing|quilting|embroidery|woodworking|photography|calligraphy|origami|scrapbooking|singing|guitar|" +
    "piano|violin|drums|cello|flute|saxophone|ukulele|choir|poetry|journaling|chess|puzzles|video games|" +
    "board games|meditation|cooking|baking|gardening|volunteering|birdwatching|bird watching|stargazing"
  })\\b`,
  "g",
);

/** "a book called Sapiens", "the movie titled Inception", "this game named Hades": the capitalised title. */
const titleAfterKind =
  /\b(?:book|novel|movie|film|song|album|game|show|series|podcast|play|painting)\s+(?:called|titled|named)\s+([A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|in|on|a|to)\s+){0,2}[A-Z][\w'’-]*)*)/g;

const activityVerbs =
  /\b(?:love|loves|loved|enjoy|enjoys|enjoyed|like|likes|liked|started|start|starting|tried|try|trying|took up|go|goes|went|going|doing|do|practice|practise|practicing|into)\s+([a-z]+ing)\b/g;

function typeFromContext(options: { name: string; before: string; after: string }): {
  type: EntityType;
  aliases: string[];
  category?: string;
} {
  const before = options.before.toLowerCase();
  const roleMatch = new RegExp(`\\b(?:my|his|her|their|our)\\s+(${[...familyRoles, ...socialRoles].join("|")})\\s*,?\\s*$`).exec(before);
  if (roleMatch?.[1] !== undefined) {
    return { type: "person", aliases: [roleMatch[1]], category: familyRoles.includes(roleMatch[1]) ? "family" : "social" };
  }
  const petMatch = new RegExp(`\\b(?:my|his|her|their|our)\\s+(${petKinds.join("|")})\\s*(?:named|called)?\\s*,?\\s*$`).exec(before);
  if (petMatch?.[1] !== undefined) return { type: "pet", aliases: [petMatch[1]], category: petMatch[1] };
  if (organizationSuffixes.test(options.name)) return { type: "organization", aliases: [] };
  if (/\b(?:work|works|worked|working|job|hired|employed|intern|internship|joined)\s+(?:at|for|with)\s+(?:the\s+)?$/.test(before)) {
    return { type: "organization", aliases: [] };
  }
  if (placeSuffixes.test(options.name) || places.has(options.name)) return { type: "place", aliases: [] };
  if (/\b(?:in|to|from|near|visit|visited|visiting|around|across|toward|towards)\s+(?:the\s+)?$/.test(before))
    return { type: "place", aliases: [] };
  if (/\b(?:bought|ordered|got|using|use|play|playing|played|new|my)\s+(?:a\s+|an\s+|the\s+)?$/.test(before))
    return { type: "product", aliases: [] };
  if (!options.name.includes(" ")) return { type: "person", aliases: [] };
  return { type: "other", aliases: [] };
}

/**
 * Finds entities in English text from capitalisation and cue words: people (with roles such as "my sister
 * Anna"), pets, places, organisations, products and activities ("went hiking"). Sentence-initial common
 * words, pronouns and interjections are not entities; weekdays and months are dates.
 *
 * @example
 * extractEnglishEntities("My sister Anna moved to Porto and started painting");
 * // [{ name: "Anna", type: "person", aliases: ["sister"] }, { name: "Porto", type: "place" }, { name: "painting", type: "activity" }]
 */
export function extractEnglishEntities(text: string): ExtractedEntity[] {
  const found = new Map<string, ExtractedEntity>();
  const add = (entity: ExtractedEntity) => {
    const key = entity.name.toLowerCase();
    const existing = found.get(key);
    if (existing === undefined) found.set(key, entity);
    else existing.aliases = [...new Set([...existing.aliases, ...entity.aliases])];
  };
  // A title names a work (a book, film, song, game): in quotes ("Sapiens", “The Four Seasons”), or after
  // "a book called" / "the film titled". Quoted speech is no title: at most six words, no sentence mark inside,
  // no "!" or "?" at its end.
  for (const match of text.matchAll(/["“]([A-Z0-9][^"“”.!?]{0,60}?)[,.]?["”]/g)) {
    const title = (match[1] ?? "").trim();
    if (title.length >= 2 && title.split(/\s+/).length <= 6) add({ name: title, type: "product", aliases: [] });
  }
  for (const match of text.matchAll(titleAfterKind)) {
    const title = (match[1] ?? "").trim();
    if (title.length >= 2) add({ name: title, type: "product", aliases: [] });
  }
  const properNoun = /\b([A-Z][a-zA-Z'’-]*(?:\s+(?:(?:of|de|da|del|van|von|la|le|du|the)\s*)?[A-Z][a-zA-Z'’-]*)*)/g;
  for (const match of text.matchAll(properNoun)) {
    let name = (match[1] ?? "").replace(/['’]s$/, "").trim();
    const start = match.index ?? 0;
    const words = name.split(/\s+/);
    while (words.length > 0 && notEntities.has(words[0] ?? "")) words.shift();
    if (words.length === 0) continue;
    name = words.join(" ");
    if (name.length < 2 || (/^[A-Z]+$/.test(name) && name.length < 2)) continue;
    if (dateWords.has(name)) {
      add({ name, type: "date", aliases: [] });
      continue;
    }
    const offset = start + (match[1] ?? "").indexOf(name);
    const before = text.slice(Math.max(0, offset - 40), offset);
    const sentenceStart = /(?:^|[.!?]\s+|["“(]\s*)$/.test(before);
    if (sentenceStart && !name.includes(" ") && !places.has(name)) {
      // A capitalised first word is a name if the text mentions it capitalised elsewhere too, or if it is the
      // subject of a verb ("Anna called", "Mel is").
      const elsewhere = new RegExp(`(?<![.!?]\\s)(?<!^)\\b${name}\\b`).test(text.slice(offset + name.length));
      const nextWord = /^\s+([a-z']+)/.exec(text.slice(offset + name.length))?.[1] ?? "";
      const subjectOfVerb =
        !/(?:ing|ly)$/.test(name.toLowerCase()) && name.length >= 3 && (subjectVerbs.has(nextWord) || /ed$/.test(nextWord));
      if (!elsewhere && !subjectOfVerb) continue;
    }
    const typed = typeFromContext({ name, before, after: text.slice(offset + name.length, offset + name.length + 30) });
    add({ name, ...typed });
  }
  // "my sister" with no name: a reference to be resolved against known entities by alias, never created.
  for (const match of text.matchAll(
    new RegExp(
      `\\b[Mm]y\\s+(${[...familyRoles, ...socialRoles, ...petKinds].join("|")})\\b(?!(?:\\s*,)?\\s+(?:named\\s+|called\\s+)?[A-Z])`,
      "g",
    ),
  )) {
    const role = match[1];
    if (role !== undefined && !found.has(role)) {
      add({ name: role, type: petKinds.includes(role) ? "pet" : "person", aliases: [], category: "role-reference" });
    }
  }
  for (const match of text.toLowerCase().matchAll(knownActivities)) {
    const activity = match[1];
    if (activity !== undefined) add({ name: activity, type: "activity", aliases: [] });
  }
  for (const match of text.toLowerCase().matchAll(activityVerbs)) {
    const activity = match[1];
    if (
      activity !== undefined &&
      activity.length > 4 &&
      !["going", "doing", "nothing", "something", "anything", "everything", "thing"].includes(activity)
    ) {
      add({ name: activity, type: "activity", aliases: [] });
    }
  }
  return [...found.values()];
}
