/** The ledger as one JSON document: exactly the keys `service-spec ledger --format json` promises. */
import type { HistoryEntry, Ledger, LedgerNote } from './types.js';

function entryJson(e: HistoryEntry) {
  return { version: e.version, id: e.id, change: e.change, deadline: e.deadline, funding: e.funding, rating: e.rating, costPerPractice: e.costPerPractice };
}

function noteJson(n: LedgerNote) {
  return {
    sidecar: n.sidecar,
    reviewer: n.reviewer,
    id: n.id,
    stance: n.stance,
    status: n.status,
    version: n.version,
    requirement: n.requirement,
    currentRequirement: n.currentRequirement,
    outcome: n.outcome,
  };
}

export function ledgerDocument(ledger: Ledger) {
  return {
    versions: ledger.versions.map((v) => ({ path: v.path, version: v.version })),
    threads: ledger.threads.map((t) => ({ spec: t.spec, key: t.key, history: t.history.map(entryJson), notes: t.notes.map(noteJson) })),
    unanchored: ledger.unanchored.map((n) => ({ sidecar: n.sidecar, reviewer: n.reviewer, id: n.id, version: n.version, requirement: n.requirement })),
    summary: ledger.summary,
  };
}

export function ledgerJson(ledger: Ledger): string {
  return JSON.stringify(ledgerDocument(ledger), null, 2) + '\n';
}
