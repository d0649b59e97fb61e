// Deterministic generator of varied, realistic conversational memories for the scale benchmarks.
//
//   import { createTextGenerator } from "./generate-text.mjs";
//   const text = createTextGenerator({ seed: 42 });
//   text.sentence(0);   // "Last Tuesday, Priya cooked mushroom risotto for 7 friends at the community garden and felt proud."
//   text.question(0);   // "What did Priya cook for friends at the community garden?"
//
// Sentence i is built from one of several templates and one combination of vocabulary words (people, places,
// activities, foods, times, feelings, numbers …). Index i maps to a distinct combination through an affine
// permutation of each template's combination space (then mixed-radix digits), so no sentence repeats while
// neighbouring indexes still look unrelated; the seed shuffles the vocabularies and picks the permutations.
// question(i) asks about sentence i (same person and key words), so a benchmark can check that search finds it.

/** Small, fast, seedable PRNG (mulberry32). Returns floats in [0, 1). */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (text) => text.split("|").map((word) => word.trim());

const vocabulary = {
  person: words(
    "Priya|Marcus|Elena|Tomás|Aiko|Jonah|Fatima|Liam|Sofia|Dmitri|Amara|Chen|Grace|Mateo|Noor|Oliver|Hana|Kwame|Isla|Rafael|" +
      "Yara|Felix|Mei|Samuel|Leila|Arjun|Chloe|Diego|Ingrid|Kofi|Lucia|Nikolai|Zara|Ethan|Rosa|Hiro|Maya|Omar|Freya|Gabriel|" +
      "Anika|Bruno|Camille|Darius|Esme|Farah|Gustav|Ines|Jasper|Keiko|Lorenzo|Mira|Nadia|Oscar|Pavel|Quinn|Rania|Stefan|Talia|Umar",
  ),
  relative: words(
    "sister|brother|mother|father|cousin|aunt|uncle|grandmother|grandfather|neighbour|best friend|roommate|colleague|partner|daughter|son",
  ),
  place: words(
    "the community garden|the old harbour|the farmers' market|the riverside park|the climbing gym|the public library|the night market|" +
      "the botanical garden|the jazz bar on Fifth Street|the ceramics studio|the football pitch|the art museum|the lake cabin|" +
      "the downtown bakery|the yoga studio|the village hall|the bookshop café|the ice rink|the rooftop terrace|the animal shelter|" +
      "the coastal trail|the science centre|the vineyard|the comedy club|the tennis courts|the flea market|the aquarium|" +
      "the old cinema|the community kitchen|the music school",
  ),
  city: words(
    "Lisbon|Kyoto|Montreal|Cape Town|Reykjavik|Oaxaca|Hanoi|Edinburgh|Marrakesh|Vancouver|Tbilisi|Seville|Melbourne|Istanbul|" +
      "Copenhagen|Cusco|Seoul|Bologna|Nairobi|Prague|Buenos Aires|Chiang Mai|Porto|Dubrovnik|Helsinki|Queenstown|Valparaíso|Kraków",
  ),
  activity: words(
    "pottery|salsa dancing|rock climbing|watercolour painting|sourdough baking|birdwatching|trail running|the cello|chess|" +
      "woodworking|kayaking|calligraphy|photography|Italian|knitting|beekeeping|stand-up comedy|tai chi|gardening|the ukulele|" +
      "astronomy|fencing|bouldering|film photography|Spanish|jiu-jitsu|sailing|embroidery|the piano|swing dancing",
  ),
  gerund: words(
    "volunteering|hiking|swimming|painting|running a half marathon|cooking dinner|singing in the choir|cycling|camping|" +
      "playing football|fixing the bike|reading poetry|teaching a workshop|dancing|surfing|gardening|visiting the museum|" +
      "baking bread|practising yoga|giving a talk",
  ),
  food: words(
    "mushroom risotto|lemon tart|pad thai|shakshuka|ramen|paella|banana bread|lamb tagine|dumplings|chocolate soufflé|" +
      "vegetable curry|fish tacos|gnocchi|apple crumble|pho|falafel wraps|lasagna|miso soup|carrot cake|jollof rice|" +
      "empanadas|bibimbap|ratatouille|pierogi|cinnamon rolls|butter chicken|ceviche|moussaka|pancakes|tiramisu",
  ),
  time: words(
    "last Tuesday|yesterday morning|last weekend|on Sunday afternoon|two days ago|last night|earlier this week|on Friday evening|" +
      "this morning|last month|over the holidays|on a friend's birthday|after work on Thursday|during the long weekend|on Saturday",
  ),
  month: words("January|February|March|April|May|June|July|August|September|October|November|December"),
  feeling: words(
    "proud|exhausted but happy|nervous|grateful|relaxed|inspired|a little homesick|thrilled|calm|frustrated|hopeful|" +
      "nostalgic|energised|overwhelmed|content|curious|relieved|motivated",
  ),
  thing: words(
    "a vintage camera|a second-hand bicycle|a wool scarf|a board game|a telescope|a cookbook|a sketchbook|a pair of hiking boots|" +
      "a houseplant|a record player|a tent|a fountain pen|a kite|a jigsaw puzzle|a yoga mat|a tea set",
  ),
  topic: words(
    "ocean conservation|the history of jazz|urban beekeeping|space exploration|climate resilience|ancient Rome|street photography|" +
      "mental health|renewable energy|Japanese woodblock prints|migratory birds|the Silk Road|sustainable fashion|volcanoes",
  ),
  unit: words("weeks|months|years"),
};

const number = { size: 98, word: (digit) => String(digit + 2) };

// Each template: the slots it uses (vocabulary names or "number") and how to write the sentence and the question.
const templates = [
  {
    slots: ["time", "person", "food", "number", "place", "feeling"],
    sentence: (s) => `${capitalise(s.time)}, ${s.person} cooked ${s.food} for ${s.number} friends at ${s.place} and felt ${s.feeling}.`,
    question: (s) => `What did ${s.person} cook for friends at ${s.place}?`,
  },
  {
    slots: ["person", "activity", "number", "unit", "gerund"],
    sentence: (s) => `${s.person} has been learning ${s.activity} for ${s.number} ${s.unit} and says it helps after ${s.gerund}.`,
    question: (s) => `How long has ${s.person} been learning ${s.activity}?`,
  },
  {
    slots: ["person", "city", "month", "relative", "activity"],
    sentence: (s) => `${s.person} is planning a trip to ${s.city} in ${s.month} with their ${s.relative} to try ${s.activity} there.`,
    question: (s) => `When is ${s.person} travelling to ${s.city}?`,
  },
  {
    slots: ["person", "feeling", "gerund", "place", "time"],
    sentence: (s) => `${s.person} felt ${s.feeling} after ${s.gerund} at ${s.place} ${s.time}.`,
    question: (s) => `How did ${s.person} feel after ${s.gerund} at ${s.place}?`,
  },
  {
    slots: ["person", "relative", "thing", "place", "number"],
    sentence: (s) => `${s.person}'s ${s.relative} bought ${s.thing} at ${s.place} for ${s.number} dollars.`,
    question: (s) => `What did ${s.person}'s ${s.relative} buy at ${s.place}?`,
  },
  {
    slots: ["person", "topic", "relative", "month", "city"],
    sentence: (s) =>
      `${s.person} watched a documentary about ${s.topic} that their ${s.relative} recommended before moving to ${s.city} in ${s.month}.`,
    question: (s) => `Which documentary about ${s.topic} did ${s.person} watch?`,
  },
  {
    slots: ["person", "food", "city", "feeling", "number"],
    sentence: (s) =>
      `${s.person} still thinks about the ${s.food} from a tiny stall in ${s.city}; it was ${s.number} years ago and the memory makes them feel ${s.feeling}.`,
    question: (s) => `Where did ${s.person} eat the ${s.food} they still think about?`,
  },
  {
    slots: ["time", "person", "number", "place", "gerund", "food"],
    sentence: (s) =>
      `${capitalise(s.time)}, ${s.person} spent ${s.number} minutes ${s.gerund} near ${s.place}, then shared ${s.food} with everyone.`,
    question: (s) => `What did ${s.person} do near ${s.place}?`,
  },
];

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function greatestCommonDivisor(left, right) {
  let a = left;
  let b = right;
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function shuffled(list, random) {
  const copy = [...list];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

/**
 * A seeded generator: `sentence(i)` is the i-th distinct sentence, `question(i)` a question about it, `size`
 * the number of distinct sentences available.
 */
export function createTextGenerator({ seed = 1 } = {}) {
  const random = createRandom(seed);
  const lists = Object.fromEntries(Object.entries(vocabulary).map(([name, list]) => [name, shuffled(list, random)]));
  const prepared = templates.map((template) => {
    const radices = template.slots.map((slot) => (slot === "number" ? number.size : lists[slot].length));
    const space = radices.reduce((product, radix) => product * radix, 1);
    // An affine permutation j → (a·j + c) mod space visits every combination once; a must be coprime to space.
    let multiplier = 1 + Math.floor(random() * (space - 1));
    while (greatestCommonDivisor(multiplier, space) !== 1) multiplier += 1;
    const offset = Math.floor(random() * space);
    return { ...template, radices, space, multiplier: BigInt(multiplier), offset: BigInt(offset) };
  });
  const size = Math.min(...prepared.map((template) => template.space)) * prepared.length;

  function slotsOf(index) {
    const template = prepared[index % prepared.length];
    const position = Math.floor(index / prepared.length);
    let code = Number((template.multiplier * BigInt(position) + template.offset) % BigInt(template.space));
    const values = {};
    template.slots.forEach((slot, slotIndex) => {
      const radix = template.radices[slotIndex];
      const digit = code % radix;
      code = Math.floor(code / radix);
      values[slot] = slot === "number" ? number.word(digit) : lists[slot][digit];
    });
    return { template, values };
  }

  return {
    size,
    sentence(index) {
      if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`sentence index ${index} outside 0…${size - 1}`);
      const { template, values } = slotsOf(index);
      return template.sentence(values);
    },
    question(index) {
      const { template, values } = slotsOf(index);
      return template.question(values);
    },
  };
}
