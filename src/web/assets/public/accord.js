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
