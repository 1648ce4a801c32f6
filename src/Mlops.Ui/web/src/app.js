// Entry point: dispatches on <body data-page="runs|run|compare|monitoring">.

import { initRuns } from './runs.js';
import { initRun } from './run.js';
import { initCompare } from './compare.js';
import { initMonitoring } from './monitoring.js';
import { showError } from './api.js';

const pages = { runs: initRuns, run: initRun, compare: initCompare, monitoring: initMonitoring };

function main() {
  const page = document.body.dataset.page;
  const init = pages[page];
  if (!init) {
    showError(`Unknown page "${page}".`);
    return;
  }
  Promise.resolve()
    .then(init)
    .catch((e) => {
      showError(`Unexpected error: ${e && e.message ? e.message : e}`);
      throw e;
    });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
