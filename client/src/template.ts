/** The template of "New Service Spec" (no vscode import, so tests can check it). */
export function specTemplate(id: string, title: string, today: string): string {
  const prefix =
    id
      .split('-')
      .map((w) => w[0])
      .join('')
      .toUpperCase() || 'REQ';
  return `---
id: ${id}
title: ${title}
version: ${today.slice(0, 7)}-draft
status: draft
published: ${today}
owner: TBC
---
# ${title}

What the service is for, who it is for, and what changes for practices.

## Requirements

### ${prefix}-1: First requirement
What the network must do, and for whom.

- **Deadline:** TBC
- **Funding:** none
- **Deliverability:** amber: what delivery needs (staff, sessions, data)

\`\`\`workload
- role: gp
  minutes: 30
  every: month
  per: practice
\`\`\`
`;
}
