/**
 * Built-in defaults of the workspace configuration (docs/format.md, The configuration file). Every figure
 * names its source (the organisation and its site); "assumption" marks a value with none.
 */
import type { ServiceSpecConfig } from './config.js';

/** Where each built-in estimator figure comes from; shown to users next to the figure. */
export const ESTIMATOR_SOURCES: Record<string, string> = {
  population: 'Average PCN list size 48,020 patients (BMA, bma.org.uk)',
  practices: '6,758 practices / 1,250 PCNs in Jan 2020 (British Journal of General Practice, bjgp.org 70/701/e899)',
  pcns: '1,250 PCNs in England (British Journal of General Practice, bjgp.org 70/701/e899)',
  'care-homes': '0.2 care homes per 1,000 patients (14 homes for 68,000 patients in Barrow and Millom: NHS England, england.nhs.uk) × 48,000',
  'care-home-beds':
    "7.6 beds per 1,000 patients (457,000 places: The King's Fund, kingsfund.org.uk; 59.8m registered patients: GPonline, gponline.com) × 48,000 = 364.8, rounded",
  'productive-hours-per-wte': 'assumption: 1,950 paid hours a year less 35 days of leave',
  'hours-per-session': '37.5 hours / 9 sessions (BMA, bma.org.uk salaried GP model contract)',
};

export const DEFAULT_CONFIG: ServiceSpecConfig = {
  estimator: {
    population: 48000,
    practices: 5.4,
    pcns: 1250,
    'care-homes': 9.6,
    'care-home-beds': 365,
    'productive-hours-per-wte': 1687,
    'hours-per-session': 4.17,
    roles: {
      gp: { 'hourly-cost': 100, label: 'GP', source: 'Londonwide LMCs costing rate, £100 an hour (Londonwide LMCs, lmc.org.uk)' },
      'clinical-pharmacist': {
        'hourly-cost': 33,
        label: 'Clinical pharmacist',
        source: 'ARRS maximum £55,670 a year (The Pharmaceutical Journal, pharmaceutical-journal.com) / 1,687 productive hours',
      },
      'pharmacy-technician': {
        'hourly-cost': 18,
        label: 'Pharmacy technician',
        source: 'Agenda for Change band 5 top £30,615 (2020/21) (ProMedical, promedical.co.uk) / 1,687 productive hours',
      },
      'social-prescribing-link-worker': {
        'hourly-cost': 21,
        label: 'Social prescribing link worker',
        source: 'ARRS maximum £35,389 a year (GMT Hub, gmthub.co.uk) / 1,687 productive hours',
      },
      'care-coordinator': {
        'hourly-cost': 14,
        label: 'Care coordinator',
        source: 'Agenda for Change band 4 top £24,157 (2020/21) (ProMedical, promedical.co.uk) / 1,687 productive hours',
      },
      'health-coach': {
        'hourly-cost': 18,
        label: 'Health and wellbeing coach',
        source: 'Agenda for Change band 5 top £30,615 (2020/21) (ProMedical, promedical.co.uk) / 1,687 productive hours',
      },
      'practice-nurse': {
        'hourly-cost': 20,
        label: 'Practice nurse',
        source: 'Londonwide LMCs costing rate for a band 7 nurse, £20 an hour (Londonwide LMCs, lmc.org.uk)',
      },
      admin: {
        'hourly-cost': 14.37,
        label: 'Administrator',
        source: 'Londonwide LMCs receptionist rate £11.05 an hour (Londonwide LMCs, lmc.org.uk) + 30% on-costs (assumption)',
      },
    },
  },
  funding: {
    sources: {
      arrs: {
        label: 'Additional Roles Reimbursement Scheme',
        'per-patient-per-year': 7.131,
        source: '£7.131 per weighted patient, 2020/21 (Lentells, lentells.co.uk)',
      },
      'core-pcn': { label: 'Core PCN funding', 'per-patient-per-year': 1.5, source: '£1.50 per patient per year (BMA, bma.org.uk)' },
      'clinical-director': {
        label: 'Clinical director funding',
        'per-patient-per-year': 0.722,
        source: '£0.722 per patient, 2020/21 (Lentells, lentells.co.uk)',
      },
      'care-home-premium': { label: 'Care Home Premium', 'per-bed-per-year': 120, source: '£120 per bed per year (BMA, bma.org.uk)' },
      iif: {
        label: 'Investment and Impact Fund',
        'per-patient-per-year': 0.67,
        source: 'about £0.67 per patient at full achievement (Lentells, lentells.co.uk)',
      },
      'extended-hours': { label: 'Extended hours access', 'per-patient-per-year': 1.45, source: '£1.45 per patient per year (Pulse, pulsetoday.co.uk)' },
      'network-participation': {
        label: 'Network participation payment',
        'per-patient-per-year': 1.76,
        source: '£1.76 per patient, paid to practices (BMA, bma.org.uk)',
      },
    },
  },
  rules: {},
  profiles: {},
};
