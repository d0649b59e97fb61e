import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemory } from "../../create-memory.js";
import type { Memory } from "../engine/create-memory-engine.js";

describe("domain packs in the write and read paths", () => {
  let memory: Memory;
  beforeEach(async () => {
    memory = await createMemory({ path: ":memory:", domainPacks: { tenantPacks: { clinic: ["medical"], shop: ["ecommerce"] } } });
  });
  afterEach(async () => {
    await memory.close();
  });

  it("types pack terms as entities and weighs their sentiment, for the tenant that chose the pack only", async () => {
    const text = "我对青霉素过敏，医生说我有哮喘和胸闷。";
    const clinic = await memory.add([{ role: "user", name: "王芳", content: text }], { tenantId: "clinic", userId: "p1" });
    const plain = await memory.add([{ role: "user", name: "王芳", content: text }], { tenantId: "other", userId: "p1" });
    const withPack = await memory.get(clinic.results[0]?.id ?? "", { tenantId: "clinic" });
    const withoutPack = await memory.get(plain.results[0]?.id ?? "", { tenantId: "other" });
    expect(withPack.entities).toEqual(expect.arrayContaining(["青霉素", "过敏", "哮喘"]));
    expect(withoutPack.entities).not.toContain("青霉素");
    expect(withPack.emotionScore).toBeLessThan(withoutPack.emotionScore);
  });

  it("expands queries with pack synonyms", async () => {
    await memory.add([{ role: "user", name: "Max", content: "I asked for a refund because the blender arrived broken." }], {
      tenantId: "shop",
      userId: "c1",
    });
    await memory.add([{ role: "user", name: "Max", content: "I asked for a refund because the blender arrived broken." }], {
      tenantId: "other",
      userId: "c1",
    });
    const shop = await memory.search("money back", { tenantId: "shop", userId: "c1" });
    expect(shop.results[0]?.memory).toContain("refund");
    expect(shop.results[0]?.why.map((reason) => reason.channel)).toContain("keyword");
    const other = await memory.search("money back", { tenantId: "other", userId: "c1" });
    expect(other.results.flatMap((result) => result.why.map((reason) => reason.channel))).not.toContain("keyword");
  });

  it("refuses an unknown pack with a coded error", async () => {
    await expect(createMemory({ path: ":memory:", domainPacks: { defaultPacks: ["astrology"] } })).rejects.toMatchObject({
      code: "INPUT_INVALID",
    });
  });
});
