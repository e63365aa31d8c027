import { initAll } from './govuk-frontend.min.js';
import { keepRadiosValid } from './radioReveals.js';

initAll();
keepRadiosValid();
