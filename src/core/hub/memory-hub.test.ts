import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createSqliteStore } from "../../adapters/stores/sqlite/sqlite-store.js";
import { createMemory } from "../../create-memory.js";
import type { AccessStore } from "../../ports/access-store.js";
import type { Memory } from "../engine/create-memory-engine.js";
import { MnemoError } from "../errors.js";
import { type MatrixDriver, matrixAgents, matrixSupervisors, matrixTenants, runAccessMatrix } from "./access-matrix.contract.js";
import { createMemoryHub, type MemoryHub } from "./memory-hub.js";

let memory: Memory;
let access: AccessStore;
let hub: MemoryHub;
const tenantId = "acme";

beforeEach(async () => {
  const store = createSqliteStore({ path: ":memory:" });
  memory = await createMemory({ store });
  access = createSqliteAccessStore({ path: ":memory:" });
  hub = createMemoryHub({ memory, store, access });
});
afterEach(async () => {
  await memory.close();
  await access.close();
});

async function write(agentId: string | undefined, text: string, options: { userId?: string; tags?: string[] } = {}): Promise<string> {
  const result = await memory.add(text, {
    tenantId,
    userId: options.userId ?? "u1",
    infer: false,
    ...(agentId === undefined ? {} : { agentId }),
    ...(options.tags === undefined ? {} : { metadata: { tags: options.tags } }),
  });
  const id = result.results[0]?.id;
  if (id === undefined) throw new Error(`nothing stored for "${text}"`);
  return id;
}

const search = async (agentId: string, query: string, userId = "u1") =>
  (await hub.search({ tenantId, agentId, userId, query, topK: 10 })).results.map((result) => ({
    memory: result.memory,
    agentId: result.agentId,
    via: result.via,
  }));

describe("memory hub: privacy, sharing and grants", () => {
  it("keeps each agent's memories private; user-level memories are shared by the user's agents", async () => {
    await write("planner", "The user loves green tea");
    await write(undefined, "The user speaks Portuguese and green tea is their morning ritual");
    expect(await search("planner", "green tea")).toEqual(
      expect.arrayContaining([
        { memory: "The user loves green tea", agentId: "planner", via: "own" },
        { memory: "The user speaks Portuguese and green tea is their morning ritual", agentId: null, via: "shared" },
      ]),
    );
    const other = await search("booker", "green tea");
    expect(other).toEqual([{ memory: "The user speaks Portuguese and green tea is their morning ritual", agentId: null, via: "shared" }]);
    expect(await hub.auditLog({ tenantId })).toEqual([]);
  });

  it("grants a subset by tags, user and kind; audits every cross-agent read; revocation closes it", async () => {
    const diet = await write("consulting", "The user is allergic to peanuts", { tags: ["diet"] });
    await write("consulting", "The user asked about peanut butter prices for the budget review", { tags: ["finance"] });
    await write("consulting", "Peanut questions from the second user", { userId: "u2", tags: ["diet"] });
    const grant = await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "after-sales", tags: ["diet"], userId: "u1" });
    expect(grant).toMatchObject({ access: "read", tags: ["diet"], userId: "u1" });

    expect(await search("after-sales", "peanut")).toEqual([
      { memory: "The user is allergic to peanuts", agentId: "consulting", via: "grant" },
    ]);
    expect(await search("after-sales", "peanut", "u2")).toEqual([]);
    expect(await search("billing", "peanut")).toEqual([]);
    const log = await hub.auditLog({ tenantId, agentId: "after-sales" });
    expect(log).toEqual([
      expect.objectContaining({
        readerAgentId: "after-sales",
        ownerAgentId: "consulting",
        memoryId: diet,
        action: "search",
        via: "grant",
        grantId: grant.id,
        userId: "u1",
      }),
    ]);
    expect(await hub.auditLog({ tenantId, agentId: "consulting" })).toHaveLength(1);
    expect(await hub.auditLog({ tenantId, since: "2999-01-01T00:00:00Z" })).toEqual([]);
    expect(await hub.auditLog({ tenantId: "other-tenant" })).toEqual([]);

    // Only the owner or the grantee may revoke it, and only in its tenant.
    expect(await hub.revokeGrant({ tenantId: "other-tenant", grantId: grant.id })).toBeUndefined();
    expect(await hub.revokeGrant({ tenantId, grantId: grant.id, agentId: "billing" })).toBeUndefined();
    expect((await hub.revokeGrant({ tenantId, grantId: grant.id, agentId: "consulting" }))?.revokedAt).toEqual(expect.any(String));
    expect(await search("after-sales", "peanut")).toEqual([]);
    expect(await hub.auditLog({ tenantId })).toHaveLength(1);

    // A kind-restricted grant: only memories of those kinds.
    const kinds = await memory.getAll({ tenantId, agentId: "consulting", userId: "u1" });
    const kind = kinds.results.find((view) => view.id === diet)?.kind ?? "fact";
    await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "auditor", kinds: [kind === "fact" ? "event" : "fact"] });
    expect(await search("auditor", "peanut")).toEqual([]);
    await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "auditor", kinds: [kind] });
    expect((await search("auditor", "peanut")).map((hit) => hit.memory)).toContain("The user is allergic to peanuts");
  });

  it("lets a supervisor read its workers' memories about a user; workers do not read each other's unless granted", async () => {
    await hub.registerAgent({ tenantId, agentId: "lead", role: "supervisor" });
    await hub.registerAgent({ tenantId, agentId: "sales", role: "worker", supervisorId: "lead" });
    await hub.registerAgent({ tenantId, agentId: "support", role: "worker", supervisorId: "lead" });
    await expect(hub.registerAgent({ tenantId, agentId: "rogue", role: "worker", supervisorId: "support" })).rejects.toMatchObject({
      code: "INPUT_INVALID",
    });
    await write("sales", "The user wants a quote for the blue kayak");
    await write("support", "The user reported the kayak paddle cracked");
    await write("outsider", "The user kayak notes from an unrelated agent");

    const lead = await search("lead", "kayak");
    expect(lead.map((hit) => [hit.agentId, hit.via]).sort()).toEqual([
      ["sales", "supervisor"],
      ["support", "supervisor"],
    ]);
    expect((await search("sales", "kayak")).map((hit) => hit.agentId)).toEqual(["sales"]);
    await hub.grant({ tenantId, ownerAgentId: "support", granteeAgentId: "sales" });
    expect((await search("sales", "kayak")).map((hit) => hit.agentId).sort()).toEqual(["sales", "support"]);
    expect((await hub.auditLog({ tenantId, agentId: "lead" })).map((entry) => entry.via)).toEqual(["supervisor", "supervisor"]);
    // A supervisor demoted to peer loses the view.
    await hub.registerAgent({ tenantId, agentId: "lead", role: "peer" });
    expect(await search("lead", "kayak")).toEqual([]);
  });

  it("shares memories tagged with a topic among the peers of its pool", async () => {
    await hub.joinPool({ tenantId, topic: "travel", agentId: "flights" });
    await hub.joinPool({ tenantId, topic: "travel", agentId: "hotels" });
    await write("flights", "The user prefers an aisle seat on the Lisbon trip", { tags: ["travel"] });
    await write("flights", "The user Lisbon trip invoice is overdue", { tags: ["billing"] });
    expect(await search("hotels", "Lisbon trip")).toEqual([
      { memory: "The user prefers an aisle seat on the Lisbon trip", agentId: "flights", via: "pool" },
    ]);
    expect(await search("cars", "Lisbon trip")).toEqual([]);
    expect((await hub.listPools({ tenantId, topic: "travel" })).map((membership) => membership.agentId)).toEqual(["flights", "hotels"]);
    await hub.leavePool({ tenantId, topic: "travel", agentId: "hotels" });
    expect(await search("hotels", "Lisbon trip")).toEqual([]);
    expect(await hub.auditLog({ tenantId })).toEqual([expect.objectContaining({ readerAgentId: "hotels", via: "pool" })]);
  });

  it("shares on demand only what the task needs, from agents that granted access, never the asker's own", async () => {
    const allergy = await write("consulting", "The user is allergic to peanuts", { tags: ["diet"] });
    await write("consulting", "The user's favourite band is Radiohead");
    await write("consulting", "The user's birthday is in March");
    await write("after-sales", "The user asked whether satay sauce contains peanuts");
    await write("marketing", "The user dislikes peanuts in desserts");
    await write(undefined, "The user said peanuts are a problem");
    await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "after-sales" });

    const shared = await hub.shareForTask({
      tenantId,
      agentId: "after-sales",
      userId: "u1",
      task: "Pick a snack with peanuts for the user",
    });
    expect(shared.results.map((result) => [result.id, result.agentId, result.via])).toEqual([[allergy, "consulting", "grant"]]);
    expect(shared.tokens).toBeGreaterThan(0);
    expect(await hub.auditLog({ tenantId })).toEqual([
      expect.objectContaining({ memoryId: allergy, action: "share", readerAgentId: "after-sales" }),
    ]);
    // Nothing relevant, nothing shared.
    expect(
      (await hub.shareForTask({ tenantId, agentId: "after-sales", userId: "u1", task: "Book a dentist appointment" })).results,
    ).toEqual([]);
    // No grant, no share.
    expect((await hub.shareForTask({ tenantId, agentId: "billing", userId: "u1", task: "peanuts" })).results).toEqual([]);
  });
});

describe("memory hub: cross-agent conflicts", () => {
  it("flags a recommendation that contradicts another agent's allergy (English)", async () => {
    const allergy = await write("consulting", "The user is allergic to peanuts");
    await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "after-sales" });
    const added = await hub.add({
      tenantId,
      agentId: "after-sales",
      userId: "u1",
      text: "Recommended the Thai peanut satay kit to the user",
    });
    expect(added.results[0]).toMatchObject({ event: "ADD" });
    expect(added.conflicts).toEqual([
      expect.objectContaining({
        memoryId: allergy,
        agentId: "consulting",
        text: "The user is allergic to peanuts",
        reason: expect.stringContaining("peanuts"),
        rule: "aversion",
        newMemoryId: added.results[0]?.id,
      }),
    ]);
    expect((await memory.get(added.results[0]?.id ?? "", { tenantId })).agentId).toBe("after-sales");
    expect(await hub.auditLog({ tenantId })).toEqual([expect.objectContaining({ memoryId: allergy, action: "conflict-check" })]);

    // An agent that cannot see the allergy learns nothing from the check.
    const blind = await hub.add({ tenantId, agentId: "marketing", userId: "u1", text: "Recommended the peanut brittle gift box" });
    expect(blind.conflicts).toEqual([]);
    // A negated mention is not a conflict.
    const safe = await hub.add({ tenantId, agentId: "after-sales", userId: "u1", text: "Recommended a peanut-free cookie box" });
    expect(safe.conflicts).toEqual([]);
  });

  it("flags a proposal in one language against an aversion stated in the other, and honours a denial in either", async () => {
    await write("consulting", "用户对花生过敏");
    await write("consulting", "The user is allergic to shrimp");
    await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "after-sales" });
    const english = await hub.add({ tenantId, agentId: "after-sales", userId: "u1", text: "Recommended the peanut cookies" });
    expect(english.conflicts.map((conflict) => conflict.term)).toEqual(["花生"]);
    const chinese = await hub.add({ tenantId, agentId: "after-sales", userId: "u1", text: "推荐了虾饺" });
    expect(chinese.conflicts.map((conflict) => conflict.term)).toEqual(["shrimp"]);
    const free = await hub.add({ tenantId, agentId: "after-sales", userId: "u1", text: "推荐了不含花生的饼干" });
    expect(free.conflicts).toEqual([]);
    await write("consulting", "The user is no longer allergic to peanuts");
    const later = await hub.add({ tenantId, agentId: "after-sales", userId: "u1", text: "推荐了花生酥" });
    expect(later.conflicts).toEqual([]);
  });

  it("flags a suggestion put to the user directly ('Try …', 'You should …', '尝尝…')", async () => {
    await write("consulting", "The user is allergic to peanuts");
    await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "after-sales" });
    for (const text of ["Try our new peanut brittle", "You should have the peanut satay tonight", "尝尝我们的花生酥"]) {
      const added = await hub.add({ tenantId, agentId: "after-sales", userId: "u1", text });
      expect([text, added.conflicts.map((conflict) => conflict.rule)]).toEqual([text, ["aversion"]]);
    }
  });

  it("stops flagging an allergy the user said has ended", async () => {
    const say = (content: string) =>
      memory.add([{ role: "user", name: "Lena", content }], { tenantId, userId: "u1", agentId: "consulting" });
    await say("I'm allergic to peanuts.");
    await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "after-sales" });
    const before = await hub.add({ tenantId, agentId: "after-sales", userId: "u1", text: "Recommended the Thai peanut satay kit to Lena" });
    expect(before.conflicts.map((conflict) => conflict.text)).toEqual(["Lena is allergic to peanuts."]);
    await say("I'm not allergic to peanuts anymore.");
    // The old allergy is history now, and the statement that ended it is no aversion itself.
    const after = await hub.add({
      tenantId,
      agentId: "after-sales",
      userId: "u1",
      text: "Recommended the peanut butter cookie box to Lena",
    });
    expect(after.conflicts).toEqual([]);
  });

  it("drops another agent's allergy that a later memory, of any agent it can see, says has ended", async () => {
    const at = (agentId: string, text: string, timestamp: string) =>
      memory.add(text, { tenantId, userId: "u1", agentId, infer: false, timestamp });
    await at("consulting", "The user is allergic to peanuts", "2024-01-10T10:00:00Z");
    await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "after-sales" });
    await hub.grant({ tenantId, ownerAgentId: "support", granteeAgentId: "after-sales" });
    const recommend = () => hub.add({ tenantId, agentId: "after-sales", userId: "u1", text: "Recommended the peanut brittle to the user" });
    expect((await recommend()).conflicts.map((conflict) => conflict.term)).toEqual(["peanuts"]);
    // The user told another agent the allergy is gone: the consulting agent's memory no longer holds.
    await at("support", "The user is no longer allergic to peanuts", "2024-05-10T10:00:00Z");
    expect((await recommend()).conflicts).toEqual([]);
    // Said again after that, it holds again (and the repeated recommendation, merged into the first, is checked).
    await at("consulting", "The user is allergic to peanuts, a new test confirmed", "2024-09-10T10:00:00Z");
    expect((await recommend()).conflicts.map((conflict) => conflict.term)).toEqual(["peanuts"]);
  });

  it("flags a prescription that contradicts another agent's allergy (Chinese), and a new allergy against an earlier prescription", async () => {
    await hub.registerAgent({ tenantId, agentId: "chief", role: "supervisor" });
    await hub.registerAgent({ tenantId, agentId: "triage", role: "worker", supervisorId: "chief" });
    const allergy = await write("triage", "患者青霉素过敏");
    await hub.grant({ tenantId, ownerAgentId: "triage", granteeAgentId: "doctor" });
    const prescribed = await hub.add({ tenantId, agentId: "doctor", userId: "u1", text: "给患者开了青霉素" });
    expect(prescribed.conflicts).toEqual([
      expect.objectContaining({ memoryId: allergy, agentId: "triage", term: "青霉素", rule: "aversion" }),
    ]);

    // Reverse order: the supervisor records an allergy after its worker recommended the food.
    await hub.registerAgent({ tenantId, agentId: "waiter", role: "worker", supervisorId: "chief" });
    const dish = await write("waiter", "给用户推荐了花生酱拌面");
    const noted = await hub.add({ tenantId, agentId: "chief", userId: "u1", text: "用户对花生过敏" });
    expect(noted.conflicts).toEqual([expect.objectContaining({ memoryId: dish, agentId: "waiter", term: "花生" })]);
  });

  it("flags contradictory single-valued facts between agents", async () => {
    const lisbon = await write("crm", "The user lives in Lisbon");
    await hub.grant({ tenantId, ownerAgentId: "crm", granteeAgentId: "shipping" });
    const added = await hub.add({ tenantId, agentId: "shipping", userId: "u1", text: "The user lives in Porto" });
    expect(added.conflicts).toEqual([expect.objectContaining({ memoryId: lisbon, agentId: "crm", rule: "single-valued", term: "lisbon" })]);
    const same = await hub.add({ tenantId, agentId: "shipping", userId: "u1", text: "Confirmed the user lives in Lisbon", infer: false });
    expect(same.conflicts.filter((conflict) => conflict.memoryId === lisbon)).toEqual([]);
  });
});

describe("memory hub: write grants and the agent view of the memory API", () => {
  it("writes into another agent's space only with a covering write grant", async () => {
    await expect(
      hub.add({
        tenantId,
        agentId: "helper",
        ownerAgentId: "consulting",
        userId: "u1",
        text: "The user prefers email",
        metadata: { tags: ["contact"] },
      }),
    ).rejects.toMatchObject({ code: "INPUT_INVALID", details: { reason: "WRITE_GRANT_REQUIRED" } });
    await hub.grant({ tenantId, ownerAgentId: "consulting", granteeAgentId: "helper", access: "write", tags: ["contact"] });
    const added = await hub.add({
      tenantId,
      agentId: "helper",
      ownerAgentId: "consulting",
      userId: "u1",
      text: "The user prefers email",
      metadata: { tags: ["contact"] },
    });
    const id = added.results[0]?.id ?? "";
    expect((await memory.get(id, { tenantId })).agentId).toBe("consulting");
    expect((await memory.history(id, { tenantId }))[0]?.actor).toBe("helper");
    await expect(
      hub.add({ tenantId, agentId: "helper", ownerAgentId: "consulting", userId: "u1", text: "Untagged", metadata: { tags: ["other"] } }),
    ).rejects.toMatchObject({ code: "INPUT_INVALID" });

    const helper = hub.memoryFor({ tenantId, agentId: "helper" });
    expect((await helper.update(id, { text: "The user prefers email over phone" })).memory).toBe("The user prefers email over phone");
    const stranger = hub.memoryFor({ tenantId, agentId: "stranger" });
    await expect(stranger.update(id, { text: "hijacked" })).rejects.toMatchObject({ code: "MEMORY_NOT_FOUND" });
    await expect(stranger.delete(id)).rejects.toMatchObject({ code: "MEMORY_NOT_FOUND" });
  });

  it("confines the memory API to what the agent may see and change", async () => {
    const mine = await write("planner", "Planner note about the Porto offsite");
    const theirs = await write("booker", "Booker note about the Porto hotel");
    const shared = await write(undefined, "Shared note about Porto");
    const planner = hub.memoryFor({ tenantId, agentId: "planner" });
    expect((await planner.get(mine)).id).toBe(mine);
    expect((await planner.get(shared)).id).toBe(shared);
    await expect(planner.get(theirs)).rejects.toSatisfy(
      (error: unknown) => MnemoError.isInstance(error) && error.code === "MEMORY_NOT_FOUND",
    );
    await expect(planner.history(theirs)).rejects.toMatchObject({ code: "MEMORY_NOT_FOUND" });
    await expect(planner.delete(shared)).rejects.toMatchObject({ code: "MEMORY_NOT_FOUND" });
    await expect(planner.get(mine, { tenantId: "elsewhere" })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    expect((await planner.getAll({ userId: "u1" })).results.map((view) => view.id).sort()).toEqual([mine, shared].sort());
    const found = await planner.search("Porto", { userId: "u1" });
    expect(found.results.map((result) => result.id).sort()).toEqual([mine, shared].sort());
    await expect(planner.add("x", { userId: "u1", agentId: "booker" })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    const added = await planner.add("Planner second note", { userId: "u1", infer: false });
    expect((await memory.get(added.results[0]?.id ?? "", { tenantId })).agentId).toBe("planner");
    expect(await planner.deleteAll({ userId: "u1" })).toMatchObject({ deletedMemories: 2 });
    expect((await memory.getAll({ tenantId, userId: "u1" })).results.map((view) => view.id).sort()).toEqual([theirs, shared].sort());
    await expect(planner.reset()).rejects.toMatchObject({ code: "INPUT_INVALID" });
    await expect(planner.optimize()).rejects.toMatchObject({ code: "INPUT_INVALID" });

    await hub.grant({ tenantId, ownerAgentId: "booker", granteeAgentId: "planner", tags: ["hotel"] });
    const tagged = await write("booker", "Booker hotel shortlist in Porto", { tags: ["hotel"] });
    const page = await planner.getAll({ userId: "u1", limit: 1 });
    expect(page).toMatchObject({ total: 2, limit: 1 });
    expect((await planner.getAll({ userId: "u1" })).results.map((view) => view.id).sort()).toEqual([shared, tagged].sort());
    expect((await planner.get(tagged)).agentId).toBe("booker");
    expect((await hub.auditLog({ tenantId, agentId: "planner" })).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["list", "get"]),
    );
  });
});

describe("memory hub: cross-tenant and cross-agent matrix (library)", () => {
  it("0 leaks in 300 randomized operations across 2 tenants × 3 agents × 2 users", async () => {
    for (const tenant of matrixTenants) {
      for (const agentId of matrixAgents) {
        const supervisorId = matrixSupervisors[agentId];
        await hub.registerAgent({
          tenantId: tenant,
          agentId,
          role: agentId === "lead" ? "supervisor" : supervisorId === undefined ? "peer" : "worker",
          ...(supervisorId === undefined ? {} : { supervisorId }),
        });
      }
    }
    const notFound = (error: unknown) => {
      if (MnemoError.isInstance(error) && error.code === "MEMORY_NOT_FOUND") return false;
      throw error;
    };
    const view = (tenant: string, agentId: string) => (agentId === "" ? undefined : hub.memoryFor({ tenantId: tenant, agentId }));
    const driver: MatrixDriver = {
      async add(input) {
        const target = view(input.tenantId, input.agentId) ?? memory;
        const result = await target.add(input.text, {
          tenantId: input.tenantId,
          userId: input.userId,
          infer: false,
          metadata: { tags: input.tags },
        });
        return { id: result.results[0]?.id ?? "", episodeIds: result.episodes.map((episode) => episode.id) };
      },
      async search(input) {
        if (input.agentId === "") {
          const { results } = await memory.search(input.query, { tenantId: input.tenantId, userId: input.userId });
          const views = await Promise.all(
            results.filter((result) => result.type !== "episode").map((result) => memory.get(result.id, { tenantId: input.tenantId })),
          );
          return views.map((item) => ({ id: item.id, agentId: item.agentId ?? null }));
        }
        const { results } = await hub.search({
          tenantId: input.tenantId,
          agentId: input.agentId,
          userId: input.userId,
          query: input.query,
        });
        return results.map((result) => ({ id: result.id, agentId: result.agentId }));
      },
      async list(input) {
        const target = view(input.tenantId, input.agentId) ?? memory;
        return (await target.getAll({ tenantId: input.tenantId, userId: input.userId, limit: 1000 })).results.map((item) => item.id);
      },
      async get(input) {
        const target = view(input.tenantId, input.agentId) ?? memory;
        return target.get(input.id, { tenantId: input.tenantId }).then(() => true, notFound);
      },
      async delete(input) {
        const target = view(input.tenantId, input.agentId) ?? memory;
        return target.delete(input.id, { tenantId: input.tenantId }).then(() => true, notFound);
      },
      async grant(input) {
        return (await hub.grant(input)).id;
      },
      async revoke(input) {
        return (await hub.revokeGrant({ tenantId: input.tenantId, grantId: input.grantId, agentId: input.agentId })) !== undefined;
      },
      async joinPool(input) {
        await hub.joinPool(input);
      },
      async leavePool(input) {
        await hub.leavePool(input);
      },
    };
    const report = await runAccessMatrix({ driver, operations: 300, seed: 20240508 });
    expect(report.leaks, `${report.leaks.length} leaks in ${report.operations} randomized operations`).toEqual([]);
    expect(report.operations).toBe(300);
    expect(report.visibleHits).toBeGreaterThan(20);
    expect(report.crossAgentHits).toBeGreaterThan(0);
    expect(report.crossTenantAttempts).toBeGreaterThan(10);
  });
});
