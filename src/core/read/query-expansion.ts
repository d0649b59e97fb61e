import { irregularForms } from "../text/irregular-forms.js";
import { spellingVariants } from "../text/spelling-variants.js";
import { wordGroups } from "../text/word-groups.js";
import { wordTable } from "../text/word-table.js";

/**
 * A small, general bilingual thesaurus for the keyword channel: questions ask "where does she live" while
 * memories say "moved to Lisbon". Each entry maps a question word (after lower-casing) to related words
 * that statements tend to use. General vocabulary only; extend with care (every term adds recall and noise).
 */
const related: Readonly<Record<string, readonly string[]>> = wordTable({
  live: ["lives", "living", "moved", "move", "home", "house", "apartment", "city", "reside", "based"],
  lives: ["live", "living", "moved", "home", "city"],
  home: ["house", "apartment", "live", "moved"],
  work: ["job", "works", "working", "employed", "company", "career", "office"],
  job: ["work", "works", "career", "employed", "company", "position"],
  hobby: ["hobbies", "enjoy", "enjoys", "love", "loves", "fun", "free", "time"],
  hobbies: ["hobby", "enjoy", "enjoys", "love", "loves", "fun"],
  like: ["love", "loves", "enjoy", "enjoys", "favorite", "favourite", "prefer"],
  likes: ["love", "loves", "enjoy", "enjoys", "favorite", "favourite", "prefer"],
  favorite: ["favourite", "love", "loves", "like", "likes", "prefer"],
  favourite: ["favorite", "love", "loves", "like", "likes", "prefer"],
  allergic: ["allergy", "allergies", "intolerant"],
  allergy: ["allergic", "allergies", "intolerant"],
  pet: ["pets", "dog", "dogs", "cat", "cats", "puppy", "kitten"],
  pets: ["pet", "dog", "dogs", "cat", "cats"],
  family: ["sister", "brother", "mother", "father", "mom", "dad", "wife", "husband", "kids", "children", "son", "daughter"],
  travel: ["trip", "trips", "travelled", "traveled", "visit", "visited", "vacation", "holiday"],
  trip: ["travel", "visit", "visited", "vacation", "holiday", "journey"],
  plan: ["plans", "planning", "going", "will", "next"],
  plans: ["plan", "planning", "going", "will", "next"],
  住: ["住在", "搬", "搬到", "家", "城市"],
  住在: ["住", "搬", "搬到", "家"],
  工作: ["上班", "公司", "职业", "工作室"],
  喜欢: ["爱", "最爱", "热爱", "爱好"],
  爱好: ["喜欢", "兴趣", "热爱"],
  过敏: ["过敏原", "不能吃"],
  宠物: ["狗", "猫", "小狗", "小猫"],
  旅行: ["旅游", "去", "出行", "度假"],
  计划: ["打算", "准备", "下个月", "明年"],
});

/**
 * Words chat writes casually or shortly, and their plain forms ("tourney" for "tournament", "mom" for "mother",
 * "pic" for "photo"): each word of a group stands for the others, both ways. General vocabulary only.
 */
const casualGroups: readonly (readonly string[])[] = [
  ["tournament", "tourney"],
  ["tournaments", "tourneys"],
  ["friend", "buddy", "pal"],
  ["friends", "buddies", "pals"],
  ["girlfriend", "gf"],
  ["boyfriend", "bf"],
  ["mother", "mom", "mum"],
  ["father", "dad"],
  ["grandmother", "grandma", "granny"],
  ["grandfather", "grandpa"],
  ["brother", "bro"],
  ["sister", "sis"],
  ["children", "kids"],
  ["child", "kid"],
  ["photo", "pic", "picture", "photograph"],
  ["photos", "pics", "pictures", "photographs"],
  ["vacation", "vacay", "holiday"],
  ["birthday", "bday"],
  ["puppy", "pup"],
  ["television", "tv"],
  ["movie", "film"],
  ["movies", "films"],
  ["conversation", "convo"],
  ["gift", "present"],
  ["gifts", "presents"],
  ["university", "uni"],
  ["doctor", "doc"],
  ["concert", "gig"],
  ["concerts", "gigs"],
  ["husband", "hubby"],
  ["favorite", "fave", "fav"],
  ["bicycle", "bike"],
  ["veterinarian", "vet"],
  ["information", "info"],
  ["professor", "prof"],
  ["mathematics", "math", "maths"],
  ["refrigerator", "fridge"],
  ["family", "fam"],
  ["aunt", "auntie"],
  ["kid", "kiddo"],
  ["kids", "kiddos"],
  ["vegetables", "veggies"],
  ["festival", "fest"],
  ["graduation", "grad"],
  ["champion", "champ"],
  ["video", "vid"],
  ["videos", "vids"],
  ["tickets", "tix"],
  ["comfortable", "comfy"],
  ["minutes", "mins"],
];
/** Each word's other forms, over every group it is in ("kids": "children" and "kiddos"). */
const casualForms = wordGroups(casualGroups);

/**
 * A category asked for and the common things in it ("What instruments does she play?" → "guitar", "piano", …):
 * statements name the thing, not its category. General vocabulary only.
 */
const categoryMembers: Readonly<Record<string, readonly string[]>> = wordTable({
  instrument: ["guitar", "piano", "violin", "drums", "cello", "flute", "saxophone", "ukulele", "clarinet", "trumpet", "bass", "keyboard"],
  sport: [
    "soccer",
    "football",
    "basketball",
    "baseball",
    "tennis",
    "volleyball",
    "golf",
    "hockey",
    "swimming",
    "running",
    "cycling",
    "skiing",
    "surfing",
    "boxing",
    "yoga",
  ],
  drink: ["coffee", "tea", "juice", "smoothie", "beer", "wine", "soda", "water", "milk", "cocktail", "lemonade"],
  dessert: ["cake", "pie", "cookies", "ice cream", "brownies", "cupcakes", "pudding", "tart", "chocolate", "pastry"],
  fruit: ["apple", "banana", "orange", "strawberries", "berries", "grapes", "mango", "peach", "pear", "pineapple", "watermelon"],
  vegetable: ["carrots", "broccoli", "spinach", "tomatoes", "potatoes", "lettuce", "peppers", "onions", "beans", "kale"],
  flower: ["roses", "tulips", "sunflowers", "daisies", "lilies", "orchids", "lavender"],
  language: ["english", "spanish", "french", "german", "italian", "chinese", "japanese", "korean", "portuguese", "arabic", "russian"],
  genre: [
    "rock",
    "pop",
    "jazz",
    "classical",
    "hip hop",
    "rap",
    "country",
    "fantasy",
    "romance",
    "thriller",
    "horror",
    "comedy",
    "drama",
    "mystery",
  ],
  color: ["red", "blue", "green", "yellow", "purple", "pink", "orange", "black", "white"],
  food: [
    "pizza",
    "pasta",
    "sushi",
    "tacos",
    "burgers",
    "curry",
    "salad",
    "soup",
    "sandwich",
    "steak",
    "noodles",
    "rice",
    "chicken",
    "seafood",
  ],
  dish: ["pizza", "pasta", "sushi", "tacos", "burgers", "curry", "salad", "soup", "stew", "casserole", "lasagna", "noodles"],
  cuisine: ["italian", "mexican", "chinese", "japanese", "thai", "indian", "french", "greek", "korean", "vietnamese"],
  vehicle: ["car", "truck", "motorcycle", "bike", "van", "suv", "scooter", "boat"],
  animal: ["dog", "cat", "bird", "fish", "horse", "rabbit", "turtle", "snake", "hamster", "parrot", "lizard"],
  pet: ["dog", "puppy", "cat", "kitten", "rabbit", "bunny", "hamster", "guinea pig", "parrot", "fish", "turtle"],
  occupation: [
    "nurse",
    "teacher",
    "doctor",
    "engineer",
    "developer",
    "programmer",
    "designer",
    "lawyer",
    "accountant",
    "chef",
    "student",
    "manager",
    "writer",
    "artist",
    "scientist",
    "consultant",
  ],
  restriction: ["vegetarian", "vegan", "allergic", "allergy", "intolerant", "gluten", "lactose", "halal", "kosher", "diet", "avoid"],
});
/** Other words that ask for a category ("What do you do for a living?" asks for an occupation). */
const categoryWords: Readonly<Record<string, string>> = wordTable({
  living: "occupation",
  profession: "occupation",
  dietary: "restriction",
});
const categoryOf: Readonly<Record<string, string>> = wordTable({
  ...Object.fromEntries(
    Object.keys(categoryMembers).flatMap((category) => [
      [category, category],
      [`${category}s`, category],
    ]),
  ),
  ...categoryWords,
});

/** Number words and their digits, both ways ("three" ↔ "3"): statements write either. */
const numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
const numberForms: Readonly<Record<string, readonly string[]>> = wordTable(
  Object.fromEntries(
    numberWords.flatMap((word, value) => [
      [word, [String(value)]],
      [String(value), [word]],
    ]),
  ),
);

/**
 * Related words for a query's words (the words themselves excluded): the thesaurus above, casual and plain
 * forms, the things of a category, number words and digits, the other forms of irregular verbs and nouns
 * ("choose" → "chose", "chosen"; "child" → "children") and the other spelling, British or American.
 *
 * @example
 * expandQueryTerms(["user", "live"]); // ["lives", "living", "moved", …]
 */
export function expandQueryTerms(terms: readonly string[]): string[] {
  const own = new Set(terms);
  const expanded = new Set<string>();
  for (const term of terms) {
    const category = categoryOf[term];
    for (const word of [
      ...(related[term] ?? []),
      ...(category === undefined ? [] : (categoryMembers[category] ?? [])),
      ...casualForms(term),
      ...(numberForms[term] ?? []),
      ...irregularForms(term),
      ...spellingVariants(term),
    ])
      if (!own.has(word)) expanded.add(word);
  }
  return [...expanded];
}
