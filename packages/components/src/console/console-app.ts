/**
 * Browser entry of the evaluator console (`/console/`), built by rollup to
 * dist/console/console.js: registers `<smart-console>` and its parts.
 */
import { SmartConsole } from './smart-console';
import { SmartConsoleLogin } from './console-login';
import { SmartOfferingSummary } from './offering-summary';
import { SmartLearnersTable } from './learners-table';
import { SmartLearnerDetail } from './learner-detail';

const CONSOLE_ELEMENTS: ReadonlyArray<[string, CustomElementConstructor]> = [
  ['smart-console', SmartConsole],
  ['smart-console-login', SmartConsoleLogin],
  ['smart-offering-summary', SmartOfferingSummary],
  ['smart-learners-table', SmartLearnersTable],
  ['smart-learner-detail', SmartLearnerDetail],
];

for (const [tag, element] of CONSOLE_ELEMENTS) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
