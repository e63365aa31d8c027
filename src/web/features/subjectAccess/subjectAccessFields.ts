import { z } from 'zod';
import type { Person } from '../../../domain/directory/directory.ts';
import { foldedWords } from '../../../domain/disagreement/searchTerms.ts';
import { dateField, selectField, textField } from '../../../forms/fields.ts';

/** A name as typed: at least one letter or digit, at most 200 characters. */
const nameSchema = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .max(200, 'Names must be 200 characters or fewer')
    .refine((value) => foldedWords(value).length > 0, missing);

/** Finding a child: their names, and their date of birth if the request gives it. */
export function childFields() {
  return {
    givenNames: textField({
      label: 'Given names',
      hint: 'First name and any middle names. Capital letters, accents and extra spaces do not matter.',
      autocomplete: 'off',
      spellcheck: false,
      schema: nameSchema('Enter the child’s given names'),
    }),
    familyName: textField({
      label: 'Family name',
      autocomplete: 'off',
      spellcheck: false,
      schema: nameSchema('Enter the child’s family name'),
    }),
    dateOfBirth: dateField({
      label: 'Date of birth (optional)',
      size: 's',
      hint: 'For example, 27 3 2019. Cases that record no date of birth for a child of that name are found too.',
      messages: { invalid: 'Date of birth must be a real date, like 27 3 2019' },
    }),
  };
}

/** Finding a professional: one of the partnership's people. */
export function professionalFields(people: readonly Person[]) {
  return {
    personId: selectField({
      label: 'Person',
      hint: 'Everyone in the partnership’s directory, by name.',
      placeholder: 'Choose a person',
      choices: [...people]
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
        .map((person) => ({
          value: person.id,
          text: `${person.name} (${person.jobTitle ? `${person.jobTitle}, ` : ''}${person.email})`,
        })),
      schema: z
        .string({ error: 'Choose the person the request is about' })
        .min(1, 'Choose the person the request is about')
        .max(100, 'Choose the person the request is about'),
    }),
  };
}
