/**
 * Domain packs: industry vocabularies as data (terms, synonyms, entity types, sentiment polarity, keyword
 * boost, scenario weights), validated by zod and compiled into fast lookups. Pure: loading files is the
 * job of `adapters/domain-packs`.
 */
export { type CompiledVocabulary, compilePacks, type TermMatch } from "./compile-packs.js";
export {
  type DomainPack,
  type DomainPackInput,
  type DomainPackLanguage,
  type DomainTerm,
  type DomainTermInput,
  domainPackLanguages,
  domainPackSchema,
  domainTermSchema,
  parseDomainPack,
  scenarioWeightsSchema,
} from "./domain-pack.js";
export { type FoldedText, foldSurface, foldText } from "./fold-text.js";
