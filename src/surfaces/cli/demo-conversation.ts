import type { MessageInput } from "../../core/schemas/add-input.js";

/** A short bilingual conversation (English and Chinese) used by `mnemo demo`. Written for Mnemo; not from any dataset. */
export const demoSessions: ReadonlyArray<{ sessionId: string; timestamp: string; messages: MessageInput[] }> = [
  {
    sessionId: "demo-1",
    timestamp: "2024-05-08T13:56:00Z",
    messages: [
      { role: "user", name: "Lena", id: "s1:1", content: "Hi! I moved to Lisbon last month for a new job at a design studio." },
      { role: "assistant", name: "Mnemo", id: "s1:2", content: "Congratulations! How are you finding the city?" },
      { role: "user", name: "Lena", id: "s1:3", content: "I love it, although my cat Miso hated the flight." },
      { role: "user", name: "Lena", id: "s1:4", content: "I'm allergic to peanuts, so please never suggest satay." },
    ],
  },
  {
    sessionId: "demo-2",
    timestamp: "2024-05-20T09:10:00Z",
    messages: [
      { role: "user", name: "Lena", id: "s2:1", content: "我上周六和妹妹安娜去了辛特拉徒步，风景特别美！" },
      { role: "user", name: "Lena", id: "s2:2", content: "我最近在学葡萄牙语，每周二晚上上课。" },
      { role: "user", name: "Lena", id: "s2:3", content: "Next month I'm planning a trip to Porto with Anna." },
    ],
  },
];

/** Questions the demo asks. */
export const demoQuestions: readonly string[] = [
  "Where does Lena live?",
  "What is Lena allergic to?",
  "徒步去了哪里？",
  "Lena在学什么语言？",
  "What are Lena's travel plans?",
];
