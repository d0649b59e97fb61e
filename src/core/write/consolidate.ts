import type { StoreWriter } from "../../ports/store.js";
import type { Entity, Relation } from "../domain/graph.js";
import { singleValuedPredicates } from "../domain/graph.js";
import type { MemoryRecord } from "../domain/memory-record.js";
import type { Scope } from "../domain/scope.js";
import type { EngineContext } from "../engine/engine-context.js";
import { jaccard } from "../text/jaccard.js";
import { stopWords } from "../text/stop-words.js";
import type { MemoryCandidate } from "./candidate.js";

/** Share of content words two statements must have in common (Jaccard) to be one memory. */
export const nearDuplicateOverlap = 0.7;

function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((word) => word.length > 2 || /\p{Script=Han}|\p{N}/u.test(word)));
}

/** Two statements without content words are the same statement as far as words can tell. */
function overlap(left: Set<string>, right: Set<string>): number {
  return left.size === 0 && right.size === 0 ? 1 : jaccard(left, right);
}

/** Words that add emphasis or hedging, not content: "I really love X" says what "I love X" says. */
const emphasisWords = new Set(
  "really very so just also too still actually truly totally absolutely definitely quite pretty super extremely honestly literally basically simply".split(
    " ",
  ),
);

/** A word's stem for comparing forms: "loves" / "love", "mountains" / "mountain", "cooked" / "cook". */
function roughStem(word: string): string {
  return word.replace(/(?:ies|es|s|ed|ing)$/u, "");
}

/**
 * Do two statements that share most words differ only in words that carry no content of their own (function
 * words, emphasis) or in the form of a word both hold ("loves" / "love")? "Dmitri cooked paella for 12
 * friends" and "… cooked ramen …" share 80% of their words and are two facts; "I love hiking" and "I
 * really love hiking" are one.
 */
function differOnlyInForm(left: Set<string>, right: Set<string>): boolean {
  const unshared = (from: Set<string>, other: Set<string>) =>
    [...from].filter((word) => !other.has(word) && !stopWords.has(word) && !emphasisWords.has(word));
  const leftOnly = unshared(left, right);
  const rightOnly = new Set(unshared(right, left).map(roughStem));
  const leftStems = new Set(leftOnly.map(roughStem));
  return [...leftStems].every((stem) => rightOnly.has(stem)) && [...rightOnly].every((stem) => leftStems.has(stem));
}

/**
 * The full-text probe for near-duplicates: the three longest distinct content words, all required. A
 * statement sharing 70% of its words almost always shares its longest ones, and an AND of rare words is
 * a cheap index lookup. Returns "" when fewer than two words qualify (exact duplicates are still found).
 *
 * @example
 * nearDuplicateProbe(["lena", "loves", "hiking", "mountains"]); // "\"mountains\" AND \"hiking\" AND \"loves\""
 */
export function nearDuplicateProbe(tokens: readonly string[]): string {
  const chosen = [...new Set(tokens.filter((token) => token.length > 2 || /\p{Script=Han}{2}/u.test(token)))]
    .sort((left, right) => right.length - left.length)
    .slice(0, 3);
  if (chosen.length < 2) return "";
  return chosen.map((token) => `"${token.replaceAll('"', '""')}"`).join(" AND ");
}

/**
 * Finds an active memory in the owner scope that says the same thing: the same normalised text, or one of
 * the best keyword matches sharing most of its words (a full-text lookup, far cheaper than a vector scan).
 *
 * @example
 * const existing = await findDuplicate({ writer, scope, contentHash, matchExpression, text });
 */
export async function findDuplicate(options: {
  writer: StoreWriter;
  scope: Scope;
  contentHash: string;
  /** Full-text expression that every near-duplicate must match (see `nearDuplicateProbe`). */
  matchExpression: string;
  text: string;
}): Promise<MemoryRecord | undefined> {
  const exact = await options.writer.findMemoryByHash({ scope: options.scope, contentHash: options.contentHash });
  if (exact !== undefined) return exact;
  if (options.matchExpression === "") return undefined;
  const nearest = await options.writer.searchKeyword({
    scope: options.scope,
    filters: {},
    matchExpression: options.matchExpression,
    limit: 3,
  });
  if (nearest.length === 0) return undefined;
  const words = contentWords(options.text);
  for (const memory of await options.writer.getMemories({ tenantId: options.scope.tenantId, ids: nearest.map((hit) => hit.memoryId) })) {
    if (memory.userId !== options.scope.userId || memory.agentId !== options.scope.agentId) continue;
    const known = contentWords(memory.text);
    if (overlap(words, known) >= nearDuplicateOverlap && differOnlyInForm(words, known)) return memory;
  }
  return undefined;
}

/**
 * Resolves a candidate's entities (and its subject) against the scope's entity table: same name or alias →
 * the existing entity (aliases merged); otherwise a new entity. Bare role references ("my sister") only
 * resolve, they never create.
 *
 * @example
 * const entities = await resolveEntities({ writer, context, scope, candidate }); // Map name → Entity
 */
export async function resolveEntities(options: {
  writer: StoreWriter;
  context: EngineContext;
  scope: Scope;
  candidate: Pick<MemoryCandidate, "entities" | "subjectName">;
}): Promise<Map<string, Entity>> {
  const { writer, scope, candidate } = options;
  const resolved = new Map<string, Entity>();
  const mentions = [...candidate.entities];
  if (candidate.subjectName !== undefined) mentions.unshift({ name: candidate.subjectName, type: "person", aliases: [] });
  for (const mention of mentions) {
    const known = await writer.findEntities({ scope, names: [mention.name] });
    const match = known.find((entity) => entity.type === mention.type) ?? known[0];
    if (mention.category === "role-reference") {
      if (match !== undefined) resolved.set(mention.name, match);
      continue;
    }
    const entity = await writer.upsertEntity({
      id: options.context.generateId(),
      tenantId: scope.tenantId,
      ...(scope.userId === undefined ? {} : { userId: scope.userId }),
      ...(scope.agentId === undefined ? {} : { agentId: scope.agentId }),
      name: match?.name ?? mention.name,
      type: match?.type ?? mention.type,
      aliases: mention.aliases.filter((alias) => alias !== "" && alias.toLowerCase() !== mention.name.toLowerCase()),
    });
    resolved.set(mention.name, entity);
  }
  return resolved;
}

/** A memory that a new statement replaced. */
export interface Supersession {
  memory: MemoryRecord;
  /** The memory that is now current (the new one, or the old one when the new statement was older). */
  currentId: string;
  supersededId: string;
}

/** The same object, as an entity or as written ("peanut" and "peanuts" too). */
export function sameObject(options: {
  existing: { objectId?: string; objectValue?: string };
  objectEntity: Entity | undefined;
  object: string;
}): boolean {
  const { existing, objectEntity } = options;
  if (objectEntity !== undefined && existing.objectId === objectEntity.id) return true;
  const known = (existing.objectValue ?? "").toLowerCase();
  const object = options.object.toLowerCase();
  return known !== "" && (known === object || known.replace(/s$/u, "") === object.replace(/s$/u, ""));
}

/** The subject's current relations with a relation's predicate (and qualifier). */
function currentRelationsLike(options: {
  writer: StoreWriter;
  scope: Scope;
  subjectId: string;
  relation: MemoryCandidate["relations"][number];
}): Promise<Relation[]> {
  const { relation } = options;
  return options.writer.findCurrentRelations({
    scope: options.scope,
    subjectId: options.subjectId,
    predicate: relation.predicate,
    ...(relation.qualifier === undefined ? {} : { qualifier: relation.qualifier }),
  });
}

/**
 * A statement that ends a relation ("I don't live in Porto anymore", "I'm no longer allergic to peanuts"):
 * the subject's current relation with that predicate and object closes where the statement begins, and the
 * memory that stated it is superseded by the new one. Nothing is stored as a relation: the new memory says
 * what no longer holds. Without such a current relation it ends nothing.
 */
async function endRelation(options: {
  writer: StoreWriter;
  scope: Scope;
  subjectId: string;
  relation: MemoryCandidate["relations"][number];
  objectEntity: Entity | undefined;
  memory: Pick<MemoryRecord, "id" | "validFrom">;
  validFrom: string;
}): Promise<Supersession[]> {
  const { writer, scope, relation, memory, validFrom } = options;
  const current = await currentRelationsLike({ writer, scope, subjectId: options.subjectId, relation });
  const supersessions: Supersession[] = [];
  for (const existing of current) {
    if (!sameObject({ existing, objectEntity: options.objectEntity, object: relation.object })) continue;
    if (existing.memoryId === undefined || existing.memoryId === memory.id) continue;
    const [previous] = await writer.getMemories({ tenantId: scope.tenantId, ids: [existing.memoryId] });
    // A statement older than what it would end (an out-of-order import) ends nothing.
    if (previous === undefined || previous.status !== "active" || (previous.validFrom ?? "") > validFrom) continue;
    const supersession = await closeRelationOf({ writer, tenantId: scope.tenantId, relationId: existing.id, previous, memory, validFrom });
    if (supersession !== undefined) supersessions.push(supersession);
  }
  return supersessions;
}

/**
 * Closes a relation `previous` stated where the new `memory` begins. The whole of `previous` becomes history
 * (a supersession to return) only when it states no other current relation: "Lena's sister Anna lives in
 * Porto" still says who Lena's sister is after Anna moves, so it stays, its residence relation closed.
 */
async function closeRelationOf(options: {
  writer: StoreWriter;
  tenantId: string;
  relationId: string;
  previous: MemoryRecord;
  memory: Pick<MemoryRecord, "id">;
  validFrom: string;
}): Promise<Supersession | undefined> {
  const { writer, tenantId, previous } = options;
  await writer.closeRelation({ tenantId, id: options.relationId, validTo: options.validFrom });
  const stillStated = await writer.findCurrentRelationsOfMemory({ tenantId, memoryId: previous.id });
  return stillStated.length > 0 ? undefined : { memory: previous, currentId: options.memory.id, supersededId: previous.id };
}

/**
 * Stores a candidate's relations (subject = its speaker) and closes contradicted ones: for a single-valued
 * predicate (lives in, works at, studies at, favourite X), a current relation of the same subject with
 * another object ends where the new one begins, and its memory is superseded — unless the new statement is
 * older than the current one (an out-of-order import), in which case the new memory is the superseded one.
 * A statement that ends a relation ("I'm no longer allergic to peanuts") closes it and supersedes its memory.
 *
 * @example
 * const supersessions = await applyRelations({ writer, context, scope, candidate, entities, memory });
 */
export async function applyRelations(options: {
  writer: StoreWriter;
  context: EngineContext;
  scope: Scope;
  candidate: Pick<MemoryCandidate, "relations" | "subjectName">;
  entities: Map<string, Entity>;
  memory: Pick<MemoryRecord, "id" | "validFrom" | "text" | "sourceEpisodeIds">;
  /** Only store the relations: end and supersede nothing (an edited memory restating what it says). */
  insertOnly?: boolean;
}): Promise<Supersession[]> {
  const { writer, scope, candidate, entities, memory } = options;
  const speaker = candidate.subjectName === undefined ? undefined : entities.get(candidate.subjectName);
  const validFrom = memory.validFrom ?? options.context.clock.now().toISOString();
  const supersessions: Supersession[] = [];
  for (const relation of candidate.relations) {
    // Someone the statement names is the subject only when the statement's entities know them as a person.
    const named = relation.subject === undefined ? undefined : entities.get(relation.subject);
    const subject = relation.subject === undefined ? speaker : named?.type === "person" ? named : undefined;
    if (subject === undefined) continue;
    const objectEntity = entities.get(relation.object);
    if (relation.ended === true) {
      if (options.insertOnly !== true) {
        supersessions.push(...(await endRelation({ writer, scope, subjectId: subject.id, relation, objectEntity, memory, validFrom })));
      }
      continue;
    }
    let validTo: string | undefined;
    if (singleValuedPredicates.has(relation.predicate) && options.insertOnly !== true) {
      const current = await currentRelationsLike({ writer, scope, subjectId: subject.id, relation });
      for (const existing of current) {
        if (
          sameObject({ existing, objectEntity, object: relation.object }) ||
          existing.memoryId === undefined ||
          existing.memoryId === memory.id
        ) {
          continue;
        }
        const [previous] = await writer.getMemories({ tenantId: scope.tenantId, ids: [existing.memoryId] });
        if (previous === undefined || previous.status !== "active") continue;
        if ((previous.validFrom ?? "") > validFrom) {
          // The new statement is older than what we already know: it is history from the start.
          validTo = previous.validFrom;
          supersessions.push({ memory: previous, currentId: previous.id, supersededId: memory.id });
          continue;
        }
        const supersession = await closeRelationOf({
          writer,
          tenantId: scope.tenantId,
          relationId: existing.id,
          previous,
          memory,
          validFrom,
        });
        if (supersession !== undefined) supersessions.push(supersession);
      }
    }
    await writer.insertRelation({
      id: options.context.generateId(),
      tenantId: scope.tenantId,
      ...(scope.userId === undefined ? {} : { userId: scope.userId }),
      ...(scope.agentId === undefined ? {} : { agentId: scope.agentId }),
      subjectId: subject.id,
      predicate: relation.predicate,
      ...(relation.qualifier === undefined ? {} : { qualifier: relation.qualifier }),
      ...(objectEntity === undefined ? { objectValue: relation.object } : { objectId: objectEntity.id, objectValue: relation.object }),
      validFrom,
      ...(validTo === undefined ? {} : { validTo }),
      memoryId: memory.id,
      sourceEpisodeIds: memory.sourceEpisodeIds,
    });
  }
  return supersessions;
}
