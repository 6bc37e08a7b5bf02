import { costRequirement, formatMoney, formatHours } from '../estimator/estimate.js';
import { field } from '../model.js';
import type { Rule } from './types.js';

/** A requirement whose workload costs money while its Funding is explicitly `none`. */
export const unfundedWorkload: Rule = {
  id: 'unfunded-workload',
  defaultSeverity: 'warning',
  description: 'Requirement with workload cost whose Funding is `none`; states the cost per practice',
  checkRequirement({ config, report }, req) {
    const funding = field(req, 'funding');
    if (!funding || funding.parts.length === 0 || !funding.parts.every((p) => p.text.toLowerCase() === 'none')) return;
    const cost = costRequirement(req, config);
    if (!(cost.costPerPcn > 0)) return;
    report(
      funding.valueRange,
      `Requirement ${req.id} is unfunded but its workload costs ${formatMoney(cost.costPerPractice)} a year per practice (${formatMoney(cost.costPerPcn)} and ${formatHours(cost.hoursPerPcn)} hours per PCN, ${formatMoney(cost.costNational)} nationally); expected a funding source that covers it`,
      { costPerPractice: cost.costPerPractice, costPerPcn: cost.costPerPcn },
    );
  },
};
