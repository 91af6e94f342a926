import type { Validator } from '../shared/validator';
import type { AdvocateAttributesData } from './advocate-commands';
import type { AdvocateAttributes } from './advocate-profile';
import { SENIORITIES } from './seniority';

/** Validates what an advocate can speak to: seniority and at least one language are required. */
export function readAttributes(v: Validator, d: AdvocateAttributesData): AdvocateAttributes {
  return {
    seniority: v.oneOf('seniority', d.seniority, SENIORITIES),
    products: v.tags('products', d.products),
    useCases: v.tags('useCases', d.useCases),
    languages: v.tags('languages', d.languages, { min: 1 }).map((l) => l.toLowerCase()),
    topics: v.tags('topics', d.topics),
  };
}
