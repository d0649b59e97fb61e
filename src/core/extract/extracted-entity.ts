import type { EntityType } from "../domain/graph.js";

/** An entity mention found in a text, before resolution against the store. */
export interface ExtractedEntity {
  name: string;
  type: EntityType;
  /** Other ways the text refers to it ("sister" for "my sister Anna"). */
  aliases: string[];
  /** Finer, free-form category from a domain pack or cue ("symptom", "family"). */
  category?: string;
}
