import { initAll } from './govuk-frontend.min.js';

initAll();

// govuk-frontend marks a radio that reveals a question with aria-expanded, which ARIA does not
// allow on a radio (axe's aria-allowed-attr; alphagov/govuk-frontend#979): aria-controls stays.
const revealingRadios = document.querySelectorAll('.govuk-radios__input[aria-controls]');
const withoutExpanded = (input) => input.removeAttribute('aria-expanded');
const expandedWatch = new MutationObserver((changes) => {
  for (const change of changes) withoutExpanded(change.target);
});
for (const radio of revealingRadios) {
  withoutExpanded(radio);
  expandedWatch.observe(radio, { attributes: true, attributeFilter: ['aria-expanded'] });
}

// A select marked for it becomes alphagov's accessible-autocomplete, where its page loaded it.
const autocomplete = window.accessibleAutocomplete;
for (const select of document.querySelectorAll('select[data-accord-autocomplete]')) {
  if (!autocomplete) break;
  const inputId = select.id;
  autocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: '',
    showAllValues: true,
    // A name typed and left, or cleared, is kept as the select's answer: never a stale one.
    onConfirm: (picked) => {
      const typed = picked ?? document.getElementById(inputId)?.value ?? '';
      const option = [...select.options].find((each) => each.textContent === typed);
      if (option) option.selected = true;
      else if (typed.trim() === '') select.value = '';
    },
  });
}
