import { type Category, categories } from '../vocabulary.ts';
import { categoryHints, categoryNames, serviceCategoryGroups } from '../vocabularyNames.ts';
import type { Protocol } from './protocolSchema.ts';

/**
 * The categories a protocol offers when raising, grouped, in its own words: its
 * `categoryGroups` (a label or hint it leaves out is the service's), or, when it lists none,
 * every category of api.md in the service's own groups and words. And the one way a case's
 * category is named: in the words of the protocol version the case runs under, when that
 * version has a label for it, else the service's.
 */

export type OfferedCategory = { id: Category; label: string; hint: string };
export type OfferedCategoryGroup = { name: string; categories: OfferedCategory[] };

type CategoryWords = Pick<Protocol, 'categoryGroups'>;

export function offeredCategories(protocol: CategoryWords): OfferedCategoryGroup[] {
  if (!protocol.categoryGroups) {
    return serviceCategoryGroups.map((group) => ({
      name: group.name,
      categories: group.categories.map((id) => ({
        id,
        label: categoryNames[id],
        hint: categoryHints[id],
      })),
    }));
  }
  return protocol.categoryGroups.map((group) => ({
    name: group.name,
    categories: group.categories.map((category) => ({
      id: category.id,
      label: category.label ?? categoryNames[category.id],
      hint: category.hint ?? categoryHints[category.id],
    })),
  }));
}

/** Whether raising under this protocol may choose the category. */
export function offersCategory(protocol: CategoryWords, category: string): boolean {
  if (!protocol.categoryGroups) return (categories as readonly string[]).includes(category);
  return protocol.categoryGroups.some((group) =>
    group.categories.some((offered) => offered.id === category),
  );
}

/**
 * A category in words: the protocol's label when it has one (pass the version the case runs
 * under), else the service's name, else (for an id no longer known) the id itself.
 */
export function categoryName(protocol: CategoryWords | undefined, category: string): string {
  for (const group of protocol?.categoryGroups ?? []) {
    const label = group.categories.find((offered) => offered.id === category)?.label;
    if (label) return label;
  }
  return categoryNames[category as Category] ?? category;
}

/**
 * Every category, named as categoryName names it: those the protocol offers first, in its
 * order, then the rest (cases raised under an earlier version may have them), for a filter.
 */
export function everyCategoryNamed(
  protocol: CategoryWords | undefined,
): { id: Category; name: string }[] {
  const offered = protocol
    ? offeredCategories(protocol).flatMap((group) => group.categories.map((c) => c.id))
    : [];
  return [...new Set([...offered, ...categories])].map((id) => ({
    id,
    name: categoryName(protocol, id),
  }));
}
