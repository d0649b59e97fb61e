import type { StoreWriter } from "../../ports/store.js";
import type { Entity, Relation } from "../domain/graph.js";
import type { MemoryRecord } from "../domain/memory-record.js";
import { type Scope, scopeOf } from "../domain/scope.js";
import type { EngineContext } from "../engine/engine-context.js";
import { extractRelations } from "../extract/relations.js";
import { entitiesOfText } from "../extract/understand-episode.js";
import { applyRelations, resolveEntities, sameObject } from "./consolidate.js";

/** The owner scope of a memory: its tenant, user and agent (not its session). */
function ownerOf(memory: MemoryRecord): Scope {
  return scopeOf({ tenantId: memory.tenantId, userId: memory.userId, agentId: memory.agentId });
}

/**
 * The entities a memory's new text names (and its speaker), resolved or created in the memory's owner scope:
 * an edited memory's entity links follow its text.
 *
 * @example
 * const entities = await entitiesOfEditedText({ writer, context, memory, text: "Lena lives in Porto." });
 */
export async function entitiesOfEditedText(options: {
  writer: StoreWriter;
  context: EngineContext;
  memory: MemoryRecord;
  text: string;
}): Promise<Map<string, Entity>> {
  const { writer, context, memory } = options;
  const vocabulary = context.vocabularyFor(memory.tenantId);
  const entities = entitiesOfText({
    text: options.text,
    tag: (text) => context.segmenter.tag(text),
    ...(vocabulary === undefined ? {} : { vocabulary }),
  });
  const speaker = memory.speakers[0];
  return resolveEntities({
    writer,
    context,
    scope: ownerOf(memory),
    candidate: { entities, ...(speaker === undefined ? {} : { subjectName: speaker }) },
  });
}

/**
 * The relations of an edited memory follow its text: a current relation whose object the new text no longer
 * names closes, and what the new text states ("Lena lives in Porto") is stored — without ending or
 * superseding what other memories say (an edit corrects this memory, it is no new statement).
 *
 * @example
 * await rederiveRelations({ writer, context, memory, text: "Lena lives in Porto.", entities, validTo: now });
 */
export async function rederiveRelations(options: {
  writer: StoreWriter;
  context: EngineContext;
  memory: MemoryRecord;
  text: string;
  entities: Map<string, Entity>;
  validTo: string;
}): Promise<void> {
  const { writer, context, memory, validTo } = options;
  const words = options.text.toLowerCase();
  const current = await writer.findCurrentRelationsOfMemory({ tenantId: memory.tenantId, memoryId: memory.id });
  const kept: Relation[] = [];
  for (const relation of current) {
    const object = relation.objectValue?.toLowerCase();
    if (object !== undefined && !words.includes(object))
      await writer.closeRelation({ tenantId: memory.tenantId, id: relation.id, validTo });
    else kept.push(relation);
  }
  const stated = extractRelations(options.text).filter(
    (relation) =>
      relation.ended !== true &&
      !kept.some(
        (known) =>
          known.predicate === relation.predicate &&
          sameObject({ existing: known, objectEntity: options.entities.get(relation.object), object: relation.object }),
      ),
  );
  const speaker = memory.speakers[0];
  await applyRelations({
    writer,
    context,
    scope: ownerOf(memory),
    candidate: { relations: stated, ...(speaker === undefined ? {} : { subjectName: speaker }) },
    entities: options.entities,
    memory: { ...memory, text: options.text },
    insertOnly: true,
  });
}
