// govuk-frontend marks a radio that reveals a question with aria-expanded, which ARIA does not
// allow on a radio (govuk-frontend issue 979; axe-core's aria-allowed-attr). The revealed
// question comes straight after its radio in the reading order, so nothing is lost without it.
// Run after govuk-frontend's own handlers, which set it again on every click and pageshow.
const withoutExpanded = () => {
  for (const radio of document.querySelectorAll('.govuk-radios__input[aria-expanded]')) {
    radio.removeAttribute('aria-expanded');
  }
};

export function keepRadiosValid() {
  withoutExpanded();
  document.addEventListener('click', withoutExpanded);
  window.addEventListener('pageshow', withoutExpanded);
}
