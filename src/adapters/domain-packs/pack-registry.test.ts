import { describe, expect, it } from "vitest";
import type { DomainPackInput } from "../../core/domain-packs/domain-pack.js";
import { MnemoError } from "../../core/errors.js";
import { createPackRegistry } from "./pack-registry.js";

const legal: DomainPackInput = {
  id: "legal",
  version: "0.1.0",
  name: "Legal",
  languages: ["en", "zh"],
  description: "A custom pack supplied in code.",
  terms: [{ term: "合同", language: "zh", synonyms: ["契约"], entityType: "concept", category: "contract" }],
};

describe("createPackRegistry", () => {
  it("returns each tenant its own vocabulary and the default one to others", async () => {
    const registry = await createPackRegistry({
      defaultPacks: ["ecommerce"],
      tenantPacks: { clinic: ["medical"], broker: ["finance", "ecommerce"], school: ["education"] },
    });
    const text = "我对青霉素过敏，昨天爆仓了，还要退款";
    const termsFor = (tenantId: string) =>
      registry
        .vocabularyFor(tenantId)
        .findTerms(text)
        .map((match) => match.term);
    expect(termsFor("clinic")).toEqual(["青霉素", "过敏"]);
    expect(termsFor("broker")).toEqual(["爆仓", "退款"]);
    expect(termsFor("anyone-else")).toEqual(["退款"]);
    expect(termsFor("school")).toEqual([]);
    expect(registry.vocabularyFor("clinic").emotionWeight).toBe(0.15);
    expect(registry.vocabularyFor("anyone-else").emotionWeight).toBe(0.45);
    expect(registry.packIdsFor("broker")).toEqual(["finance", "ecommerce"]);
    expect(registry.packIdsFor("anyone-else")).toEqual(["ecommerce"]);
  });

  it("caches one vocabulary per distinct ordered pack list", async () => {
    const registry = await createPackRegistry({
      defaultPacks: ["medical"],
      tenantPacks: { first: ["medical"], second: ["finance", "medical"], third: ["medical", "finance"] },
    });
    expect(registry.vocabularyFor("first")).toBe(registry.vocabularyFor("someone"));
    expect(registry.vocabularyFor("first").emotionTerms()).toBe(registry.vocabularyFor("someone").emotionTerms());
    expect(registry.vocabularyFor("second")).not.toBe(registry.vocabularyFor("third"));
    expect(registry.vocabularyFor("second").packs.map((pack) => pack.id)).toEqual(["finance", "medical"]);
  });

  it("gives a tenant with an empty list no packs, and uses supplied custom packs", async () => {
    const registry = await createPackRegistry({ defaultPacks: ["medical"], tenantPacks: { plain: [], firm: ["legal"] }, packs: [legal] });
    expect(registry.vocabularyFor("plain").findTerms("过敏")).toEqual([]);
    expect(registry.vocabularyFor("plain").emotionWeight).toBeUndefined();
    expect(registry.vocabularyFor("firm").findTerms("签了契约")).toEqual([expect.objectContaining({ term: "合同", packId: "legal" })]);
  });

  it("fails at creation on an unknown pack, listing the available ones", async () => {
    const failure = createPackRegistry({ tenantPacks: { firm: ["legal"] } });
    await expect(failure).rejects.toSatisfy((error) => MnemoError.isInstance(error) && error.code === "INPUT_INVALID");
    await expect(failure).rejects.toThrow("available: ecommerce, education, finance, medical");
  });

  it("validates its options", async () => {
    await expect(createPackRegistry({ defaultPacks: ["Medical!"] })).rejects.toSatisfy(
      (error) => MnemoError.isInstance(error) && error.code === "INPUT_INVALID" && error.message.includes("defaultPacks"),
    );
    await expect(createPackRegistry({ packs: [{ ...legal, terms: [] }], defaultPacks: ["legal"] })).rejects.toSatisfy(
      (error) => MnemoError.isInstance(error) && error.code === "INPUT_INVALID",
    );
  });
});
