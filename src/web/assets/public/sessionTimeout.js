// Warns two minutes before the session ends, with a way to stay signed in (WCAG 2.2.1), and
// when it ends sends the form being filled in to be kept (signedOutForms.ts), never lost.
// Tabs share when the session ends through localStorage, so a busy tab keeps a quiet one open.

const dialog = document.getElementById('session-timeout');
if (dialog && typeof dialog.showModal === 'function') watch(dialog);

function watch(dialog) {
  const seconds = (name) => Number(dialog.dataset[name]) * 1000;
  const idleLength = seconds('idleSeconds');
  const warnBefore = seconds('warnBefore');
  const limitEndsAt = Date.now() + seconds('limitEndsIn');
  const shared = 'accord.sessionIdleEndsAt';
  let idleEndsAt = Date.now() + seconds('idleEndsIn');
  let timer;

  const endsAt = () => Math.min(idleEndsAt, limitEndsAt);
  const endsBy = () => (limitEndsAt <= idleEndsAt ? 'limit' : 'idle');
  const signOutForm = document.querySelector('form.accord-sign-out');
  const token = signOutForm?.querySelector('input[name="_csrf"]')?.value ?? '';

  function schedule() {
    clearTimeout(timer);
    const left = endsAt() - Date.now();
    if (left <= 0) return timeOut();
    if (left > warnBefore) timer = setTimeout(schedule, left - warnBefore);
    else warn();
  }

  function warn() {
    for (const part of dialog.querySelectorAll('[data-when]')) {
      part.hidden = part.dataset.when !== endsBy();
    }
    showLeft();
    if (!dialog.open) dialog.showModal();
    timer = setTimeout(tick, 1000);
  }

  function tick() {
    if (endsAt() - Date.now() <= 0) return timeOut();
    showLeft();
    timer = setTimeout(tick, 1000);
  }

  function showLeft() {
    const left = Math.max(0, Math.ceil((endsAt() - Date.now()) / 1000));
    const minutes = Math.ceil(left / 60);
    const words =
      left > 60
        ? `${minutes} minutes`
        : left === 60
          ? '1 minute'
          : `${left} second${left === 1 ? '' : 's'}`;
    for (const countdown of dialog.querySelectorAll('[data-countdown]')) {
      countdown.textContent = words;
    }
  }

  async function stay() {
    // Nothing extends the 12-hour limit: "Carry on" only closes the warning.
    if (endsBy() === 'limit') {
      clearTimeout(timer);
      dialog.close();
      timer = setTimeout(timeOut, Math.max(0, endsAt() - Date.now()));
      return;
    }
    const response = await fetch('/session/keep-alive', {
      method: 'POST',
      headers: { 'x-csrf-token': token },
      credentials: 'same-origin',
      redirect: 'manual',
    }).catch(() => undefined);
    if (response?.status !== 204) return timeOut();
    idleEndsAt = Date.now() + idleLength;
    localStorage.setItem(shared, String(idleEndsAt));
    dialog.close();
    schedule();
  }

  /** The form the person has typed into, sent to be kept; else the sign-out form. */
  function timeOut() {
    clearTimeout(timer);
    const form = changedForm() ?? signOutForm;
    if (!form) return window.location.assign('/sign-in');
    const keep = document.createElement('input');
    keep.type = 'hidden';
    // A reserved name (forms/form.ts's assertNotReserved): no field of any form can have it.
    keep.name = '_keep';
    keep.value = endsBy();
    form.append(keep);
    HTMLFormElement.prototype.submit.call(form);
  }

  function changedForm() {
    return [...document.querySelectorAll('form[method="post" i]')].find(
      (form) =>
        form !== signOutForm &&
        [...form.elements].some((field) =>
          field instanceof HTMLSelectElement
            ? [...field.options].some((option) => option.selected !== option.defaultSelected)
            : field instanceof HTMLInputElement &&
                (field.type === 'checkbox' || field.type === 'radio')
              ? field.checked !== field.defaultChecked
              : (field instanceof HTMLInputElement && field.type !== 'hidden') ||
                  field instanceof HTMLTextAreaElement
                ? field.value !== field.defaultValue
                : false,
        ),
    );
  }

  dialog.querySelectorAll('[data-stay]').forEach((button) => {
    button.addEventListener('click', stay);
  });
  dialog.querySelector('[data-sign-out]')?.addEventListener('click', () => {
    clearTimeout(timer);
    signOutForm?.requestSubmit();
  });
  // Escape stays signed in, as HMRC's timeout dialog does.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    stay();
  });
  // Another tab of the service kept the session alive: so is this one.
  window.addEventListener('storage', (event) => {
    if (event.key !== shared || !event.newValue) return;
    const later = Number(event.newValue);
    if (later <= idleEndsAt) return;
    idleEndsAt = later;
    if (dialog.open) dialog.close();
    schedule();
  });
  localStorage.setItem(shared, String(idleEndsAt));
  schedule();
}
