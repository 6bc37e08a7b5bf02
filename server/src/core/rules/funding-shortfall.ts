import { costRequirement, costSpec, formatMoney } from '../estimator/estimate.js';
import { compareFunding } from '../estimator/report.js';
import type { Rule } from './types.js';

/**
 * Spec-level: the requirements charged to a funding source that carries an amount in the configuration
 * (e.g. Care Home Premium, £120 per bed per year) cost more than the money it brings. A requirement naming
 * several sources is charged to each in equal shares.
 */
export const fundingShortfall: Rule = {
  id: 'funding-shortfall',
  defaultSeverity: 'warning',
  description: 'Workload charged to a funding source costs more than the money the source brings',
  requirementKey: (req, config) => {
    const c = costRequirement(req, config);
    return `${req.id}\0${c.funding.join('\0')}\0${c.costPerPcn}`;
  },
  checkSpec({ spec, config, report }) {
    const comparisons = compareFunding(costSpec(spec, config).requirements, config);
    const title = spec.frontMatter.entries.get('title');
    const at = title ? title.valueRange : spec.frontMatter.openRange;
    for (const c of comparisons) {
      if (c.balancePerPcn >= 0) continue;
      const perPractice = -c.balancePerPcn / config.estimator.practices;
      report(
        at,
        `Workload charged to ${c.label} (${c.source}) costs ${formatMoney(c.chargedPerPcn)} a year per PCN (${c.requirements.join(', ')}), more than the ${formatMoney(c.moneyPerPcn)} it brings (${c.basis}); shortfall ${formatMoney(-c.balancePerPcn)} per PCN, ${formatMoney(perPractice)} per practice`,
        { source: c.source, shortfallPerPcn: -c.balancePerPcn },
      );
    }
  },
};
