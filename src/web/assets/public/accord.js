import { initAll } from './govuk-frontend.min.js';
import { keepRadiosValid } from './radioReveals.js';

initAll();
keepRadiosValid();

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
